package org.openmargo.agent.state;

import java.io.Serial;

/**
 * Thrown by a test {@link WriteHook} to stop a write at a chosen instant. It is an {@link Error} so that no cleanup
 * in the code under test runs, as after a kill.
 */
public final class SimulatedCrash extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    public SimulatedCrash() {
        super("simulated crash");
    }
}
