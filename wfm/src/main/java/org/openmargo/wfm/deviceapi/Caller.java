package org.openmargo.wfm.deviceapi;

import io.helidon.webserver.http.ServerRequest;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The authenticated and authorized WFM client of a request, as established by {@link AuthenticationFilter} from the
 * peer's X.509-SVID. It is the only source of the caller's identity: never a path or body field (spec b.1).
 *
 * @param clientId the wfm-client-id segment of the caller's SPIFFE ID
 */
record Caller(String clientId) {

    /** The caller of this request; a request that reached a handler without one is refused, never served. */
    static String of(ServerRequest req) {
        return req.context().get(Caller.class, Caller.class)
                .map(Caller::clientId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_AUTHORIZED,
                        "The request carries no authenticated client identity."));
    }
}
