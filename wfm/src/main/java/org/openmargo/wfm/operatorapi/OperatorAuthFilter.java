package org.openmargo.wfm.operatorapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.openmargo.wfm.httpcommon.Problems;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Requires {@code Authorization: Bearer <operator token>} on every request on the operator listener except those
 * under {@code /console} (the operator console, which has its own sign-in and sessions and reaches this API with the
 * token a signed-in operator gave); compares in constant time.
 */
final class OperatorAuthFilter implements Filter {
    /** The console's path prefix, exempt from the Bearer check. */
    static final String CONSOLE = "/console";
    private final byte[] token;

    OperatorAuthFilter(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.equals(CONSOLE) || path.startsWith(CONSOLE + "/")) {
            chain.proceed();
            return;
        }
        String presented = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        byte[] candidate = presented.regionMatches(true, 0, "Bearer ", 0, 7)
                ? presented.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(candidate, token)) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"wfm-operator\"");
            Problems.send(req, res, new ProblemException(ProblemType.UNAUTHORIZED,
                    "The operator API needs the operator token as a Bearer credential."));
            return;
        }
        chain.proceed();
    }
}
