package org.openmargo.agent.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * One component of an ApplicationDeployment profile (digest f.1).
 *
 * @param name the component name, unique within the deployment
 * @param repository the OCI reference, {@code oci://…}
 * @param revision the SemVer 2.0 revision with the YAML's {@code _} turned back into {@code +}
 * @param waitUntilReady the YAML's {@code wait}: whether the next component starts only once this one is ready
 *                       (default {@code true}; named so because a record cannot have a {@code wait()} accessor)
 * @param timeout how long applying may take before it fails (default {@link #DEFAULT_TIMEOUT})
 */
public record ComponentSpec(String name, String repository, String revision, boolean waitUntilReady, Duration timeout) {
    /**
     * The timeout used when a component gives none. The spec sets no default (digest i.32); ten minutes matches
     * Helm's own {@code --timeout} default.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public ComponentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Formats a duration the way the spec writes timeouts, {@code <minutes>m<seconds>s}, for example {@code 8m30s}. */
    public static String format(Duration duration) {
        return duration.toMinutes() + "m" + duration.toSecondsPart() + "s";
    }
}
