package org.openmargo.agent.state;

import java.util.Objects;
import java.util.Optional;

/**
 * The state of one component of a deployment, as persisted in the applied set and as reported (digest d.1).
 *
 * @param name the component name from the ApplicationDeployment
 * @param state its state
 * @param error present exactly when there is something to report; normally only with {@link ComponentState#FAILED}
 */
public record ComponentStatus(String name, ComponentState state, Optional<StatusError> error) {
    public ComponentStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(error, "error");
    }

    /** Returns a status without error. */
    public static ComponentStatus of(String name, ComponentState state) {
        return new ComponentStatus(name, state, Optional.empty());
    }

    /** Returns a {@code failed} status with that error. */
    public static ComponentStatus failed(String name, StatusError error) {
        return new ComponentStatus(name, ComponentState.FAILED, Optional.of(error));
    }
}
