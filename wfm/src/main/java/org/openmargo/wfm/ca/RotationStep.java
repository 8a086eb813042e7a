package org.openmargo.wfm.ca;

import java.util.Locale;

/** The three steps of an anchor rotation (spec b.1), in the only order they may run. */
public enum RotationStep {
    /** Create the next anchor and publish it beside the active one. */
    STAGE,
    /** Make the next anchor the issuer; the old one stays published as previous. */
    ACTIVATE,
    /** Remove the previous anchor from the bundle. */
    FINISH;

    /**
     * The step named {@code name} ({@code stage}, {@code activate}, {@code finish}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static RotationStep parse(String name) {
        for (RotationStep s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("step must be \"stage\", \"activate\" or \"finish\"");
    }

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
