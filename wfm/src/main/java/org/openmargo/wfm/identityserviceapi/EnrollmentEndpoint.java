package org.openmargo.wfm.identityserviceapi;

import org.openmargo.wfm.enrollment.Enrollment;
import java.util.Map;
import java.util.Objects;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.identityservice.IssuedSvid;
import org.openmargo.wfm.identityservice.PublicPaths;

/**
 * {@code POST /x-openmargo/enrollment/v1/enroll} (an OpenMargo extension, docs/identity-service.md), for the
 * server-authenticated MIS listener: {@code {"token", "csr"}} in, 201 with the SVID, its chain and the trust bundle
 * out. Errors: 403 {@code enrollment-token-refused} (one answer for every unusable token), 422 {@code csr-rejected},
 * 400/413/415 for malformed, oversized or mistyped bodies; all problem+json through the listener's error mapping.
 */
public final class EnrollmentEndpoint implements HttpService {
    /** The path of the endpoint. */
    public static final String PATH = PublicPaths.ENROLL;

    private final Enrollment enrollment;
    private final AuditLog audit;

    /** Enrolls with {@code enrollment} and writes every enrollment to {@code audit}. */
    public EnrollmentEndpoint(Enrollment enrollment, AuditLog audit) {
        this.enrollment = Objects.requireNonNull(enrollment);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::enroll);
    }

    private void enroll(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = JsonExchange.body(req);
        String token = JsonExchange.text(body, "token");
        String csr = JsonExchange.text(body, "csr");
        // The redeemed token, the accepted client and the audit entry commit together, or none of them.
        String clientId = enrollment.clientOf(token);
        IssuedSvid svid = audit.change(req, Actor.device(clientId), "enroll", clientId,
                () -> JsonExchange.issuing(() -> enrollment.enroll(token, csr)), s -> "spiffeId=" + s.spiffeId() + " notAfter=" + s.notAfter());
        JsonExchange.send(res, Status.CREATED_201, SvidJson.of(svid, enrollment.trustBundleJson()));
    }
}
