package org.openmargo.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of each runtime the agent can drive ({@code helm.*}, {@code compose.*}, {@code simulated.*}). All are
 * read and validated whichever {@code runtime} is chosen, so a mistake shows before switching to it. Immutable;
 * a change takes effect after a restart.
 */
public record Runtimes(Helm helm, Compose compose, Simulated simulated) {
    public Runtimes {
        Objects.requireNonNull(helm, "helm");
        Objects.requireNonNull(compose, "compose");
        Objects.requireNonNull(simulated, "simulated");
    }

    /**
     * @param binary         {@code helm.binary}: a bare name is looked up through {@code PATH}, a path is absolute
     * @param kubeconfig     {@code helm.kubeconfig}: passed as {@code --kubeconfig} when set
     * @param extraFlags     {@code helm.extra-flags}: appended to every helm call, each one {@code --flag[=value]}
     * @param defaultTimeout {@code helm.default-timeout}: bound of helm calls without a timeout of their own
     */
    public record Helm(Path binary, Optional<Path> kubeconfig, List<String> extraFlags, Duration defaultTimeout) {
        public Helm {
            Objects.requireNonNull(binary, "binary");
            Objects.requireNonNull(kubeconfig, "kubeconfig");
            extraFlags = List.copyOf(extraFlags);
            Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        }
    }

    /**
     * @param command       {@code compose.command}: the Compose command line, for example {@code [docker, compose]}
     * @param removeVolumes {@code compose.remove-volumes}: whether removing a deployment also removes its volumes
     */
    public record Compose(List<String> command, boolean removeVolumes) {
        public Compose {
            command = List.copyOf(command);
        }
    }

    /**
     * @param stepTime    {@code simulated.step-time}: how long each simulated install or removal takes
     * @param failureRate {@code simulated.failure-rate}: the share of simulated installs that fail, 0 to 1
     */
    public record Simulated(Duration stepTime, double failureRate) {
        public Simulated {
            Objects.requireNonNull(stepTime, "stepTime");
        }
    }
}
