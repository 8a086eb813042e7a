package org.openmargo.agent.tar;

import java.io.IOException;
import java.io.Serial;

/** Thrown when a bundle archive is malformed, unsafe, outside the accepted tar subset, or exceeds its limits. */
public final class TarException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    TarException(String message) {
        super(message);
    }

    TarException(String message, Throwable cause) {
        super(message, cause);
    }
}
