package org.openmargo.agent.runtime;

import java.time.Duration;
import java.util.Objects;

/** What a {@link WorkloadRuntime} call achieved for one component. */
public sealed interface ComponentResult {

    /** The component reached the requested state (for {@code wait: false}: the change was accepted). */
    record Done() implements ComponentResult {
    }

    /**
     * The runtime refused or failed the change.
     *
     * @param code a stable, runtime-specific code, for example {@code HELM_UPGRADE_FAILED}
     * @param message detail for the operator, reported to the WFM
     */
    record Failed(String code, String message) implements ComponentResult {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The component did not get there within the timeout (digest f.1: "if timeout elapses, the installation fails").
     *
     * @param timeout the timeout that elapsed
     */
    record TimedOut(Duration timeout) implements ComponentResult {
        public TimedOut {
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
