package org.openmargo.wfm.status;

import java.util.Optional;

/**
 * The six deployment states of spec d.2, declared from least to most severe:
 * {@code removed < installed < pending < installing < removing < failed} (the digest's reading of the garbled
 * precedence string, i #11).
 */
public enum DeploymentState {
    REMOVED, INSTALLED, PENDING, INSTALLING, REMOVING, FAILED;

    /** The wire name, lower case. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state with this exact wire name; empty for anything else (case-sensitive). */
    public static Optional<DeploymentState> fromWire(String text) {
        for (DeploymentState s : values()) {
            if (s.wire().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether this state is more severe than the other. */
    public boolean moreSevereThan(DeploymentState other) {
        return ordinal() > other.ordinal();
    }
}
