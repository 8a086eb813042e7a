package org.openmargo.agent.state;

import java.util.Objects;

/**
 * The Margo error object {@code {code, source, message}} (digest d.3). {@code source} is the component name for a
 * component error and the deployment's {@code metadata.name} for the overall error.
 *
 * @param code implementation-specific code, for example {@code TIMEOUT}
 * @param source what the code belongs to
 * @param message human-readable detail
 */
public record StatusError(String code, String source, String message) {
    public StatusError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
