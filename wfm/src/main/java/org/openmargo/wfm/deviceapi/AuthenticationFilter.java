package org.openmargo.wfm.deviceapi;

import org.openmargo.wfm.httpcommon.Problems;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.openmargo.wfm.identity.CallerAuthenticator;
import org.openmargo.wfm.problem.ProblemException;

/**
 * Establishes the {@link Caller} of every device API request before any handler runs. The TLS layer already refused
 * connections without a valid SVID; this filter re-checks the SVID (it may have expired while a resumed session
 * lives) and the accepted-client policy on every request, as spec b.1 requires, and answers 403
 * {@code #not-authorized} otherwise.
 */
final class AuthenticationFilter implements Filter {
    private final CallerAuthenticator authenticator;

    AuthenticationFilter(CallerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String clientId;
        try {
            clientId = authenticator.authenticate(req.remotePeer().tlsCertificates());
        } catch (ProblemException e) {
            Problems.send(req, res, e);
            return;
        }
        req.context().register(Caller.class, new Caller(clientId));
        chain.proceed();
    }
}
