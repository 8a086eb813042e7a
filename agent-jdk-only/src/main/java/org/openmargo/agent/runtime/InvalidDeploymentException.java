package org.openmargo.agent.runtime;

import java.io.Serial;

/**
 * Thrown by {@link DeploymentSpec#parse} for an ApplicationDeployment that breaks the rc.3 rules. The message names
 * the member, for example {@code spec.deploymentProfile.components[1].properties.timeout: expected <minutes>m<seconds>s
 * but got "10 minutes"}.
 */
public final class InvalidDeploymentException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;

    InvalidDeploymentException(String path, String detail) {
        super(path + ": " + detail);
        this.path = path;
    }

    /** Returns the dotted path of the offending member, for example {@code metadata.deviceId}. */
    public String path() {
        return path;
    }
}
