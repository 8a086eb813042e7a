package org.openmargo.wfm.identityserviceapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.identityservice.CsrRejectedException;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The JSON request and answer plumbing of the enrollment and renewal endpoints. Their failures are answered by the
 * {@code ErrorMapping} of the listener they are mounted on; only a refused CSR is translated here.
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

    /**
     * Runs an issuance and turns a refused CSR into 422 {@code #csr-rejected}; every other failure passes through to
     * the listener's {@code ErrorMapping}.
     */
    static <T> T issuing(Supplier<T> issuance) {
        try {
            return issuance.get();
        } catch (CsrRejectedException e) {
            throw new ProblemException(ProblemType.CSR_REJECTED, e.getMessage());
        }
    }
}
