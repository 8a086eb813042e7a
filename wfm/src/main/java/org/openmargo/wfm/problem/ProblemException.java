package org.openmargo.wfm.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request that cannot be answered normally. The HTTP layer turns it into an RFC 9457 problem+json answer; the
 * detail text is shown to the caller, so it must never carry secrets, stack traces or another client's data.
 */
public final class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    /** The {@code detail} member: what went wrong with this particular request. */
    public String detail() {
        return getMessage();
    }

    /** Field-level rule violations; empty when the problem is not about the body. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How long the client must wait before retrying; present for 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
