package org.openmargo.agent.oci;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the agent talks to registries.
 *
 * @param insecureRegistries registries ({@code host} or {@code host:port}, as written in {@code oci://}) reached over
 *                           plain HTTP; every other registry, token service and redirect target must be HTTPS
 * @param credentials        user name and password by registry ({@code host[:port]}); a registry without an entry is
 *                           used anonymously
 * @param requestTimeout     bound of one HTTP exchange, body included
 */
public record OciSettings(Set<String> insecureRegistries, Map<String, Credentials> credentials,
                          Duration requestTimeout) {
    /** Default bound of one exchange. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public OciSettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** HTTPS everywhere, no credentials, {@link #DEFAULT_TIMEOUT}. */
    public static OciSettings defaults() {
        return new OciSettings(Set.of(), Map.of(), DEFAULT_TIMEOUT);
    }

    boolean insecure(String authority) {
        return insecureRegistries.contains(authority);
    }

    Optional<Credentials> credentialsFor(String registry) {
        return Optional.ofNullable(credentials.get(registry));
    }
}
