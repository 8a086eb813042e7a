package org.openmargo.wfm.operatorapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.identityserviceapi.SvidJson;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.identity.AcceptedClientPolicy;
import org.openmargo.wfm.identityservice.CsrRejectedException;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityservice.IssuedSvid;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * {@code POST /operator/v1/clients/{clientId}/svid}: the air-gapped enrollment. The body is a CSR the device made
 * ({@code agent csr}), as PEM ({@code text/plain} or {@code application/pkcs10}) or as DER
 * ({@code application/pkcs10}, RFC 5967). The answer is 201 {@code application/pem-certificate-chain} (RFC 8555),
 * leaf first; the client is accepted. The SVID is issued before the client is accepted and only returned after, so a
 * failure in between leaves nothing behind that could be used.
 */
public final class SvidSigningService implements HttpService {
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String PEM_BEGIN = "-----BEGIN";

    private final Optional<IdentityService> identityService;
    private final AcceptedClientPolicy policy;
    private final AuditLog audit;

    /**
     * @param identityService the signing identity service; empty with an external MIS (then the endpoint is 404)
     * @param policy          the accepted-client policy the client joins
     * @param audit           where each signing is written
     */
    public SvidSigningService(Optional<IdentityService> identityService, AcceptedClientPolicy policy,
                              AuditLog audit) {
        this.identityService = Objects.requireNonNull(identityService);
        this.policy = Objects.requireNonNull(policy);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/operator/v1/clients/{clientId}/svid", this::sign);
    }

    private void sign(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = OperatorApi.clientId(req);
        IdentityService service = EnrollmentTokensService.required(identityService);
        String csrPem = csrPem(req);
        IssuedSvid svid;
        try {
            svid = service.issueClient(clientId, csrPem);
        } catch (CsrRejectedException e) {
            throw new ProblemException(ProblemType.CSR_REJECTED, e.getMessage());
        }
        audit.change(req, actor, "client.sign-csr", clientId, () -> policy.accept(clientId),
                "spiffeId=" + svid.spiffeId() + " notAfter=" + svid.notAfter());
        res.status(Status.CREATED_201);
        res.header(HeaderNames.CONTENT_TYPE, "application/pem-certificate-chain");
        res.send(SvidJson.pem(svid.chain()).getBytes(StandardCharsets.US_ASCII));
    }

    private static String csrPem(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE)
                .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("text/plain");
        if (!type.equals("text/plain") && !type.equals("application/pkcs10")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/pkcs10 or text/plain, not " + type + ".");
        }
        byte[] body = Bodies.read(req, MAX_BODY_BYTES);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (text.stripLeading().startsWith(PEM_BEGIN)) {
            return text;
        }
        if (type.equals("application/pkcs10") && body.length > 0) {
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(body)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        }
        throw new ProblemException(ProblemType.CSR_REJECTED,
                "The body is not a PEM CERTIFICATE REQUEST (or, as application/pkcs10, a DER one).");
    }
}
