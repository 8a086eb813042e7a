package org.openmargo.wfm.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import org.openmargo.wfm.http.Bodies;
import org.openmargo.wfm.http.Problems;
import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.mis.CsrRejectedException;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.problem.StoreException;

/**
 * The JSON request and answer plumbing of the enrollment and renewal endpoints, and their own error mapping, so that
 * they answer problem+json on whatever listener they are mounted (never a bare 500).
 */
final class JsonExchange {
    /** The largest request body: a JSON object holding a token and a CSR. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private JsonExchange() {
    }

    /**
     * The request's JSON object.
     *
     * @throws ProblemException 415 for a declared type other than JSON, 413 over 64 KiB, 400 for anything not a JSON
     *                          object within the {@link JsonBody} limits
     */
    static Map<String, Object> body(ServerRequest req) {
        Bodies.requireType(req, "application/json", "json");
        return JsonBody.parseObject(Bodies.read(req, MAX_BODY_BYTES), MAX_BODY_BYTES);
    }

    /** A required string member; 400 {@code #invalid-request} naming the field otherwise. */
    static String text(Map<String, Object> body, String member) {
        if (body.get(member) instanceof String value && !value.isEmpty()) {
            return value;
        }
        String rule = body.containsKey(member) ? "must be a non-empty string" : "is required";
        throw new ProblemException(ProblemType.INVALID_REQUEST, "member '" + member + "' " + rule,
                List.of(new FieldError(member, rule)));
    }

    static void send(ServerResponse res, Status status, JsonObject body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps a handler so that every failure becomes a problem answer. */
    static Handler guarded(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (ProblemException e) {
                Problems.send(req, res, e);
            } catch (CsrRejectedException e) {
                Problems.send(req, res, new ProblemException(ProblemType.CSR_REJECTED, e.getMessage()));
            } catch (StoreException e) {
                Problems.store(req, res, e);
            } catch (RuntimeException e) {
                Problems.internal(req, res, e);
            }
        };
    }
}
