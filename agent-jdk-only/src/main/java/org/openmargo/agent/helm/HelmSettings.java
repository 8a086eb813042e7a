package org.openmargo.agent.helm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent calls Helm.
 *
 * @param binary the helm executable; a bare name such as {@code helm} is looked up through {@code PATH}
 * @param kubeconfig passed as {@code --kubeconfig} when present; otherwise helm uses its own default
 *                   ({@code ~/.kube/config} of the agent's {@code HOME})
 * @param extraFlags appended to every helm call, for example {@code --kube-context edge}; must be flags that
 *                   {@code upgrade}, {@code uninstall} and {@code status} all accept
 * @param defaultTimeout the bound of calls that have no timeout of their own ({@code helm status})
 * @param commandGrace added to a call's timeout to bound the helm process, so that helm reports its own timeout (and
 *                     records the release as failed) before the agent kills it
 */
public record HelmSettings(Path binary, Optional<Path> kubeconfig, List<String> extraFlags, Duration defaultTimeout,
        Duration commandGrace) {

    public HelmSettings {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        extraFlags = List.copyOf(extraFlags);
        requirePositive(defaultTimeout, "defaultTimeout");
        requirePositive(commandGrace, "commandGrace");
    }

    /** Returns {@code helm} from {@code PATH}, its default kubeconfig, no extra flags, 30 s and 15 s. */
    public static HelmSettings defaults() {
        return new HelmSettings(Path.of("helm"), Optional.empty(), List.of(), Duration.ofSeconds(30),
                Duration.ofSeconds(15));
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
