package org.openmargo.wfm.deviceapi;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.forwarded.ProxyIdentity;
import org.openmargo.wfm.httpcommon.ErrorMapping;
import org.openmargo.wfm.identity.CallerAuthenticator;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The routing of the mTLS device API listener (Margo Management API 1.0.0-rc.3, section a): authentication of every
 * request, the resources, a problem+json 404 for any other path, and the {@link ErrorMapping} every listener shares.
 *
 * <p>The resources are {@link CapabilitiesService}, {@link DeploymentsService} and {@link BundlesService}, each
 * constructed from what it needs; extensions served on the same listener (the identity service's SVID renewal) are
 * passed in the same way.
 */
public final class DeviceApi {
    private DeviceApi() {
    }

    /**
     * The authenticated client id of a device API request, once the authentication filter has run; empty before, or
     * when the request was refused. For request logs; never taken from the request itself.
     */
    public static java.util.Optional<String> authenticatedCaller(io.helidon.webserver.http.ServerRequest req) {
        return req.context().get(Caller.class, Caller.class).map(Caller::clientId);
    }

    /**
     * Sets up a device API routing, in the way of Helidon SE's {@code Main.routing}.
     *
     * @param routing       the routing of the mTLS listener
     * @param authenticator the per-request identity and policy check; a request it refuses reaches no resource
     * @param resources     the resources, registered in this order before the 404 fallback
     */
    public static HttpRouting.Builder routing(HttpRouting.Builder routing, CallerAuthenticator authenticator,
                                              HttpService... resources) {
        return resources(routing.addFilter(new AuthenticationFilter(authenticator)), resources);
    }

    /**
     * The same device API behind a TLS-terminating proxy: the caller is the SVID the proxy forwards in RFC 9440
     * {@code Client-Cert} headers, accepted only from the {@code proxy} and checked by the same
     * {@code authenticator} as a direct connection's (see {@link ProxiedAuthenticationFilter}).
     */
    public static HttpRouting.Builder proxiedRouting(HttpRouting.Builder routing, ProxyIdentity proxy,
                                                     CallerAuthenticator authenticator, HttpService... resources) {
        return resources(routing.addFilter(new ProxiedAuthenticationFilter(proxy, authenticator)), resources);
    }

    /**
     * The wfm-client-id that this listener's authentication filter established for the request, for extensions
     * served beside the Margo resources (SVID renewal on the proxied listener).
     *
     * @throws ProblemException {@link ProblemType#NOT_AUTHORIZED} when no caller was established
     */
    public static String caller(io.helidon.webserver.http.ServerRequest req) {
        return Caller.of(req);
    }

    private static HttpRouting.Builder resources(HttpRouting.Builder routing, HttpService... resources) {
        routing.register(resources)
                .any((req, res) -> {
                    throw new ProblemException(ProblemType.NOT_FOUND, "There is no Margo endpoint at this path.");
                });
        return ErrorMapping.register(routing);
    }
}
