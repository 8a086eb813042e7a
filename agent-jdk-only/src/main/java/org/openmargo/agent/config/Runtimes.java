package org.openmargo.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.agent.oci.Credentials;

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
     * @param command       {@code compose.command}: the Compose command line, for example {@code [docker, compose]};
     *                      empty for {@code auto} (detected at start: {@code docker compose}, else
     *                      {@code docker-compose})
     * @param removeVolumes {@code compose.remove-volumes}: whether removing a deployment also removes its volumes
     * @param registries    the {@code oci.*} keys: how compose artifacts are fetched
     */
    public record Compose(List<String> command, boolean removeVolumes, Registries registries) {
        public Compose {
            command = List.copyOf(command);
            Objects.requireNonNull(registries, "registries");
        }

        /** Compose settings with no registry settings ({@link Registries#none()}). */
        public Compose(List<String> command, boolean removeVolumes) {
            this(command, removeVolumes, Registries.none());
        }
    }

    /**
     * @param insecure     {@code oci.insecure-registries}: registries ({@code host[:port]}) reached over plain HTTP
     * @param credentials  {@code oci.credentials}: user name and password by registry
     * @param dockerConfig {@code oci.docker-config}: a Docker {@code config.json} whose {@code auths} are used for
     *                     registries {@code oci.credentials} does not name
     */
    public record Registries(List<String> insecure, Map<String, Credentials> credentials,
                             Optional<Path> dockerConfig) {
        public Registries {
            insecure = List.copyOf(insecure);
            credentials = Map.copyOf(credentials);
            Objects.requireNonNull(dockerConfig, "dockerConfig");
        }

        /** HTTPS only, no credentials. */
        public static Registries none() {
            return new Registries(List.of(), Map.of(), Optional.empty());
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
