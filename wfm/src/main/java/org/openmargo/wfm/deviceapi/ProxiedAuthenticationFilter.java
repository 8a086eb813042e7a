package org.openmargo.wfm.deviceapi;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.openmargo.wfm.forwarded.ForwardedHeaders;
import org.openmargo.wfm.forwarded.ProxyIdentity;
import org.openmargo.wfm.httpcommon.Problems;
import org.openmargo.wfm.identity.CallerAuthenticator;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Establishes the {@link Caller} on the proxied device API listener, where a TLS-terminating proxy forwards the
 * device's certificate per RFC 9440. In order, on every request:
 * <ol>
 *     <li>the connection's own TLS peer must be the configured proxy ({@link ProxyIdentity}), else 401;</li>
 *     <li>{@code Client-Cert} / {@code Client-Cert-Chain} must parse ({@link ForwardedHeaders}), else 400; absent,
 *     401;</li>
 *     <li>the forwarded chain goes through the same {@link CallerAuthenticator} as a direct connection's handshake
 *     chain: SVID shape, path validation against the current trust bundle, validity now (401 when it fails), and the
 *     accepted-client policy (403 {@code #not-authorized}).</li>
 * </ol>
 */
final class ProxiedAuthenticationFilter implements Filter {
    private static final HeaderName CLIENT_CERT = HeaderNames.create(ForwardedHeaders.CLIENT_CERT);
    private static final HeaderName CLIENT_CERT_CHAIN = HeaderNames.create(ForwardedHeaders.CLIENT_CERT_CHAIN);

    private final ProxyIdentity proxy;
    private final CallerAuthenticator authenticator;

    ProxiedAuthenticationFilter(ProxyIdentity proxy, CallerAuthenticator authenticator) {
        this.proxy = proxy;
        this.authenticator = authenticator;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String clientId;
        try {
            clientId = authenticate(req);
        } catch (ProblemException e) {
            Problems.send(req, res, e);
            return;
        }
        req.context().register(Caller.class, new Caller(clientId));
        chain.proceed();
    }

    private String authenticate(RoutingRequest req) {
        if (!proxy.isProxy(req.remotePeer().tlsCertificates())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "This listener serves only the configured proxy; connect to the device API directly.");
        }
        ForwardedHeaders headers = new ForwardedHeaders(
                req.headers().all(CLIENT_CERT, java.util.List::of),
                req.headers().all(CLIENT_CERT_CHAIN, java.util.List::of));
        return switch (headers.certificates()) {
            case ForwardedHeaders.Forwarded forwarded -> authenticator.authenticateForwarded(forwarded.chain());
            case ForwardedHeaders.Absent absent -> throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "The proxy forwarded no client certificate (Client-Cert, RFC 9440).");
            case ForwardedHeaders.Malformed malformed -> throw new ProblemException(ProblemType.BAD_REQUEST,
                    malformed.reason());
        };
    }
}
