package org.openmargo.agent.state;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * The six deployment and component states of the Margo status API (digest d.2), ordered by severity for the overall
 * state: {@code failed > removing > installing > pending > installed > removed} (the spec's own precedence string is
 * garbled; this is the reading of digest i.11). So a deployment is {@code installed} only when every component is,
 * and {@code removed} only when every component is.
 */
public enum ComponentState {
    REMOVED(0),
    INSTALLED(1),
    PENDING(2),
    INSTALLING(3),
    REMOVING(4),
    FAILED(5);

    private final int severity;

    ComponentState(int severity) {
        this.severity = severity;
    }

    /** Returns the lower-case name used on the wire, for example {@code installing}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the state with that wire name.
     *
     * @throws IllegalArgumentException if the name is not one of the six states
     */
    public static ComponentState ofWireName(String name) {
        for (ComponentState state : values()) {
            if (state.wireName().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown state: " + name);
    }

    /**
     * Returns the most severe of the given states: the overall state of a deployment whose components have them.
     *
     * @throws IllegalArgumentException if {@code states} is empty (a deployment has at least one component)
     */
    public static ComponentState mostSevere(Collection<ComponentState> states) {
        return states.stream()
                .max(Comparator.comparingInt(s -> s.severity))
                .orElseThrow(() -> new IllegalArgumentException("no states to aggregate"));
    }
}
