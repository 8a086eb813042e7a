package org.openmargo.wfm.identityserviceapi;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.httpcommon.ErrorMapping;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The routing of the identity service's own listener (server-authenticated TLS, no client certificate): its public
 * resources ({@link WellKnownService}, {@link EnrollmentEndpoint}), a problem+json 404 for any other path, and the
 * {@link ErrorMapping} every listener shares. SVID renewal ({@link RenewalEndpoint}) needs the caller's SVID and is
 * served on the mTLS device API listener instead.
 *
 * <p>This package is the HTTP layer above two domain packages: {@code identityservice} (the CA and issuance) and
 * {@code enrollment} (one-time tokens, which issue through the identity service). Keeping the endpoints out of both
 * keeps the package graph acyclic.
 */
public final class IdentityServiceApi {
    private IdentityServiceApi() {
    }

    /**
     * Sets up the identity service listener's routing, in the way of Helidon SE's {@code Main.routing}.
     *
     * @param resources the resources, registered in this order before the 404 fallback
     */
    public static HttpRouting.Builder routing(HttpRouting.Builder routing, HttpService... resources) {
        routing.register(resources)
                .any((req, res) -> {
                    throw new ProblemException(ProblemType.NOT_FOUND,
                            "There is no identity service endpoint at this path.");
                });
        return ErrorMapping.register(routing);
    }
}
