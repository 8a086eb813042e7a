package org.openmargo.wfm.operatorapi;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.ca.CaView;
import org.openmargo.wfm.ca.RotationConflictException;
import org.openmargo.wfm.ca.RotationStep;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * {@code GET /operator/v1/ca} and {@code POST /operator/v1/ca/rotation} (docs/identity-service.md). Without the
 * built-in identity service (external MIS) both answer 404. A rotation step out of order is 409.
 */
public final class CaService implements HttpService {
    private static final int MAX_BODY = 4096;
    private final Optional<BuiltInIdentityService> mis;
    private final AuditLog audit;

    /**
     * @param mis   the built-in identity service with its CA; empty with an external MIS (then both answer 404)
     * @param audit where rotation steps are written
     */
    public CaService(Optional<BuiltInIdentityService> mis, AuditLog audit) {
        this.mis = Objects.requireNonNull(mis);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/operator/v1/ca", this::show)
                .post("/operator/v1/ca/rotation", this::rotate);
    }

    private void show(ServerRequest req, ServerResponse res) {
        send(res, json(service().ca().view()));
    }

    private void rotate(ServerRequest req, ServerResponse res) {
        BuiltInIdentityService service = service();
        String actor = Actor.operator(req);
        Bodies.requireType(req, "application/json", "json");
        RotationStep step = step(Bodies.read(req, MAX_BODY));
        CaView view;
        try {
            view = audit.change(req, actor, "ca.rotate", step.name().toLowerCase(java.util.Locale.ROOT),
                    () -> service.ca().rotate(step),
                    v -> "issuing anchor " + v.issuingAnchor() + ", bundle sequence " + v.bundleSequence());
        } catch (RotationConflictException e) {
            throw new ProblemException(ProblemType.CONFLICT, e.getMessage());
        }
        send(res, json(view));
    }

    private static RotationStep step(byte[] body) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            JsonObject object = reader.readObject();
            return RotationStep.parse(object.getString("step", ""));
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The body must be a JSON object {\"step\": ...}.");
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The " + e.getMessage() + ".");
        }
    }

    private BuiltInIdentityService service() {
        return mis.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "This WFM is not the identity service of its trust domain (external MIS)."));
    }

    private JsonObject json(CaView view) {
        JsonArrayBuilder anchors = Json.createArrayBuilder();
        for (CaView.AnchorInfo a : view.anchors()) {
            anchors.add(Json.createObjectBuilder()
                    .add("fingerprint", a.fingerprint())
                    .add("algorithm", a.algorithm())
                    .add("state", a.state().name().toLowerCase(java.util.Locale.ROOT))
                    .add("notBefore", a.notBefore().toString())
                    .add("notAfter", a.notAfter().toString()));
        }
        JsonArrayBuilder pins = Json.createArrayBuilder();
        service().tlsPins().forEach(pins::add);
        return Json.createObjectBuilder()
                .add("anchors", anchors)
                .add("bundleSequence", view.bundleSequence())
                .add("issuingAnchor", view.issuingAnchor())
                .add("operatorSupplied", view.operatorSupplied())
                .add("misTlsPins", pins)
                .build();
    }

    private static void send(ServerResponse res, JsonObject body) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
