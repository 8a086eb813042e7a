package org.openmargo.wfm.enrollment;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.mis.IssuedSvid;

/**
 * {@code POST /x-openmargo/enrollment/v1/enroll} (an OpenMargo extension, docs/identity-service.md), for the
 * server-authenticated MIS listener: {@code {"token", "csr"}} in, 201 with the SVID, its chain and the trust bundle
 * out. Errors: 403 {@code enrollment-token-refused} (one answer for every unusable token), 422 {@code csr-rejected},
 * 400/413/415 for malformed, oversized or mistyped bodies; all problem+json.
 */
public final class EnrollmentEndpoint {
    /** The path of the endpoint. */
    public static final String PATH = "/x-openmargo/enrollment/v1/enroll";

    private final Enrollment enrollment;
    private final AuditLog audit;

    private EnrollmentEndpoint(Enrollment enrollment, AuditLog audit) {
        this.enrollment = enrollment;
        this.audit = audit;
    }

    /** Adds the endpoint to a routing; it maps its own errors to problem answers. */
    public static void register(HttpRouting.Builder routing, Enrollment enrollment, AuditLog audit) {
        EnrollmentEndpoint endpoint = new EnrollmentEndpoint(enrollment, audit);
        routing.post(PATH, JsonExchange.guarded(endpoint::enroll));
    }

    private void enroll(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = JsonExchange.body(req);
        String token = JsonExchange.text(body, "token");
        String csr = JsonExchange.text(body, "csr");
        // The redeemed token, the accepted client and the audit entry commit together, or none of them.
        String clientId = enrollment.clientOf(token);
        IssuedSvid svid = audit.change(req, Actor.device(clientId), "enroll", clientId,
                () -> enrollment.enroll(token, csr), s -> "spiffeId=" + s.spiffeId() + " notAfter=" + s.notAfter());
        JsonExchange.send(res, Status.CREATED_201, SvidJson.of(svid, enrollment.trustBundleJson()));
    }
}
