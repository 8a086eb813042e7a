package org.openmargo.agent.enrollment;

import java.io.Serial;

/** Enrollment or import failed; the message is one line for the operator, saying what happened and what to do. */
public final class EnrollmentException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public EnrollmentException(String message) {
        super(message);
    }

    public EnrollmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
