package org.openmargo.wfm.httpcommon;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.problem.StoreException;

/**
 * Writes RFC 9457 {@code application/problem+json} answers. It is the one place that turns a {@link ProblemException}
 * or an unexpected failure into an HTTP answer: every problem carries {@code type}, {@code title} and {@code status},
 * and retryable problems also carry {@code retryable}, {@code backoffStrategy} and a {@code Retry-After} header
 * (spec sections g and h). Unexpected failures are logged with their trace and answered without any internal detail.
 * An answer to {@code HEAD} has the same status and headers but no content; an answer that must close the connection
 * (see {@link ConnectionCloseFilter#mustClose}) says {@code Connection: close}.
 */
public final class Problems {
    /** The media type of every error body. */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(Problems.class.getName());
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 30;

    private Problems() {
    }

    /** Answers with the given problem. Safe to call from filters and handlers before anything was sent. */
    public static void send(ServerRequest req, ServerResponse res, ProblemException problem) {
        ProblemType type = problem.type();
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", type.uri().toString())
                .add("title", type.title())
                .add("status", type.status());
        if (problem.detail() != null && !problem.detail().isEmpty()) {
            body.add("detail", problem.detail());
        }
        body.add("instance", req.path().rawPath());
        if (!problem.errors().isEmpty()) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            for (FieldError e : problem.errors()) {
                errors.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message()));
            }
            body.add("errors", errors);
        }
        if (type.retryable()) {
            long seconds = problem.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(DEFAULT_RETRY_AFTER_SECONDS);
            body.add("retryable", true).add("retryAfterSeconds", seconds).add("backoffStrategy", "exponential");
            res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        } else {
            body.add("retryable", false).add("backoffStrategy", "none");
        }
        byte[] bytes = body.build().toString().getBytes(StandardCharsets.UTF_8);
        res.status(type.status());
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (ConnectionCloseFilter.mustClose(req)) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        if (req.prologue().method().equals(Method.HEAD)) {
            res.send(); // RFC 9110 9.3.2: no content in an answer to HEAD, or the client reads it as the next answer
        } else {
            res.send(bytes);
        }
    }

    /**
     * Answers a database failure: a retryable 503 with {@code Retry-After} only when the database is unreachable
     * ({@link StoreException#outage()}), so that a device keeps its state and retries; anything else (a constraint or
     * data error the edge checks should have prevented) is an opaque, logged 500 that no client should retry.
     */
    public static void store(ServerRequest req, ServerResponse res, StoreException failure) {
        if (!failure.outage()) {
            internal(req, res, failure);
            return;
        }
        LOG.log(Level.WARNING, "Database not available answering " + req.prologue().method().text() + " "
                + req.path().rawPath() + ": " + failure.getMessage(), failure.getCause());
        if (!res.isSent()) {
            send(req, res, new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The WFM's database is not available; retry later.", java.util.List.of(),
                    java.time.Duration.ofSeconds(DEFAULT_RETRY_AFTER_SECONDS)));
        }
    }

    /** Answers an unexpected failure with a 500 problem that reveals nothing, and logs it with its trace. */
    public static void internal(ServerRequest req, ServerResponse res, Throwable failure) {
        LOG.log(Level.SEVERE, "Unexpected failure answering " + req.prologue().method().text() + " "
                + req.path().rawPath(), failure);
        if (!res.isSent()) {
            send(req, res, new ProblemException(ProblemType.INTERNAL_ERROR,
                    "The server could not complete the request; it was logged for the operator."));
        }
    }
}
