package org.openmargo.wfm.identityserviceapi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.identity.CallerAuthenticator;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityservice.IssuedSvid;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * {@code POST /x-openmargo/identity/v1/renew} (an OpenMargo extension, docs/identity-service.md), for the mTLS device
 * API listener: a device presents its current SVID and a CSR for a fresh key and gets a new SVID with its own SPIFFE
 * ID.
 *
 * <p>The caller is authenticated and authorized by the {@link CallerAuthenticator} on every request, exactly as for a
 * Margo call (a retired client gets 403 {@code #not-authorized}); the SVID is always issued for the caller's own
 * client id, never one named in the body. Without an identity service (the WFM's identity comes from an external
 * MIS) the endpoint answers 404. Served on the device API listener, whose error mapping answers its failures.
 */
public final class RenewalEndpoint implements HttpService {
    /** The path of the endpoint. */
    public static final String PATH = "/x-openmargo/identity/v1/renew";

    private final Function<ServerRequest, String> caller;
    private final Optional<IdentityService> identityService;
    private final AuditLog audit;

    /**
     * @param identityService the issuing identity service; empty when the WFM's identity comes from an external MIS
     */
    public RenewalEndpoint(CallerAuthenticator authenticator, Optional<IdentityService> identityService,
                           AuditLog audit) {
        this(req -> authenticator.authenticate(req.remotePeer().tlsCertificates()), identityService, audit);
        Objects.requireNonNull(authenticator);
    }

    /**
     * For a listener whose routing already established and authorized the caller by other means: the proxied device
     * API, where a pinned TLS-terminating proxy forwarded the device's SVID (RFC 9440), checked by the same
     * {@link CallerAuthenticator} (the proxy verified possession of the SVID's key in its own handshake).
     *
     * @param caller the authenticated wfm-client-id of a request; throws when there is none
     */
    public RenewalEndpoint(Function<ServerRequest, String> caller, Optional<IdentityService> identityService,
                           AuditLog audit) {
        this.caller = Objects.requireNonNull(caller);
        this.identityService = Objects.requireNonNull(identityService);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::renew);
    }

    private void renew(ServerRequest req, ServerResponse res) {
        String clientId = caller.apply(req);
        IdentityService service = identityService.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "This WFM does not issue SVIDs: its identity comes from an external Margo Identity Service."));
        Map<String, Object> body = JsonExchange.body(req);
        String csr = JsonExchange.text(body, "csr");
        IssuedSvid svid = JsonExchange.issuing(() -> service.issueClient(clientId, csr));
        audit.record(req, Actor.device(clientId), "renew", clientId,
                "spiffeId=" + svid.spiffeId() + " notAfter=" + svid.notAfter());
        JsonExchange.send(res, Status.OK_200, SvidJson.of(svid, service.trustBundleJson()));
    }
}
