package org.openmargo.wfm.operatorapi;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.fleet.FleetDeployments;
import org.openmargo.wfm.fleet.FleetPreview;
import org.openmargo.wfm.fleet.Intent;
import org.openmargo.wfm.fleet.Member;
import org.openmargo.wfm.fleet.Selector;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Fleet deployments (docs/fleet.md): {@code POST /operator/v1/fleet-deployments} creates one (201),
 * {@code GET} lists them, {@code POST /operator/v1/fleet-previews} counts what one would target (creating nothing),
 * {@code GET .../{id}} shows one with its members (placed or not placeable with the reason),
 * {@code PUT .../{id}} replaces its selector, parameters, profile, flag or version (every member at once; use a
 * rollout to stage a version change), {@code DELETE .../{id}} deletes it (its deployments are removed from the
 * devices). The per-client {@code /operator/v1/clients/{clientId}/deployments} of {@link DeploymentsService} are
 * separate and unchanged. Every change and its audit entry are one transaction.
 */
public final class FleetDeploymentsService implements HttpService {
    private static final String BASE = "/operator/v1/fleet-deployments";

    static final String PREVIEW = "/operator/v1/fleet-previews";

    private final FleetDeployments fleet;
    private final FleetPreview preview;
    private final AuditLog audit;

    /** @param preview what {@code POST /operator/v1/fleet-previews} answers with */
    public FleetDeploymentsService(FleetDeployments fleet, FleetPreview preview, AuditLog audit) {
        this.fleet = Objects.requireNonNull(fleet);
        this.preview = Objects.requireNonNull(preview);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BASE, this::create)
                .get(BASE, this::list)
                .get(BASE + "/{id}", this::show)
                .put(BASE + "/{id}", this::update)
                .delete(BASE + "/{id}", this::delete)
                .post(PREVIEW, this::preview);
    }

    /**
     * What a fleet deployment would target now, creating nothing: {@code selector} (required), {@code app} and
     * {@code version} (both or neither: placeability), {@code profile}, {@code parameters}. Not audited: no change.
     */
    private void preview(ServerRequest req, ServerResponse res) {
        JsonRequest body = JsonRequest.read(req);
        Selector selector = Selector.parse(body.member("selector").orElseThrow(
                () -> JsonRequest.invalid("selector", "is required")), "selector");
        java.util.Optional<String> app = body.optionalText("app");
        java.util.Optional<String> version = body.optionalText("version");
        if (app.isPresent() != version.isPresent()) {
            throw JsonRequest.invalid(app.isPresent() ? "version" : "app", "is required with "
                    + (app.isPresent() ? "app" : "version"));
        }
        FleetPreview.Result r = preview.preview(new FleetPreview.Request(selector,
                app.map(a -> new AppVersion(a, version.get())), body.optionalText("profile"),
                new TreeMap<>(body.objectMember("parameters"))));
        JsonObjectBuilder o = Json.createObjectBuilder().add("devices", r.devices()).add("matching", r.matching())
                .add("matchingClients", r.matchingClients());
        r.placeable().ifPresent(p -> {
            JsonArrayBuilder listed = Json.createArrayBuilder();
            r.notPlaceable().forEach(n -> listed.add(Json.createObjectBuilder().add("clientId", n.clientId())
                    .add("deviceId", n.deviceId()).add("reason", n.reason())));
            o.add("placeable", p).add("notPlaceableCount", r.notPlaceableCount()).add("notPlaceable", listed);
        });
        if (!r.parameterErrors().isEmpty()) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            r.parameterErrors().forEach(e -> errors.add(Json.createObjectBuilder().add("field", e.field())
                    .add("message", e.message())));
            o.add("parameterErrors", errors);
        }
        OperatorApi.json(res, Status.OK_200, o.build());
    }

    private void create(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        FleetDeployments.Request request = request(JsonRequest.read(req));
        Intent intent = audit.change(req, actor, "fleet-deployment.create", request.name(),
                () -> fleet.create(request, actor), i -> "id=" + i.id() + " app=" + i.app() + " selector="
                        + i.selector().toJson());
        OperatorApi.json(res, Status.CREATED_201, json(intent).build());
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        fleet.list().forEach(i -> list.add(json(i)));
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("fleetDeployments", list).build());
    }

    private void show(ServerRequest req, ServerResponse res) {
        Intent intent = fleet.get(id(req));
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (Member m : fleet.members(intent.id())) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("clientId", m.clientId())
                    .add("deviceId", m.deviceId()).add("deploymentId", m.deploymentId()).add("version", m.version())
                    .add("placement", m.placement().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            m.applied().ifPresent(a -> o.add("appliedVersion", a));
            m.reason().ifPresent(r -> o.add("reason", r));
            members.add(o);
        }
        OperatorApi.json(res, Status.OK_200, json(intent).add("members", members).build());
    }

    private void update(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String id = id(req);
        FleetDeployments.Request request = request(JsonRequest.read(req));
        Intent intent = audit.change(req, actor, "fleet-deployment.update", id, () -> fleet.update(id, request),
                i -> "app=" + i.app() + " selector=" + i.selector().toJson());
        OperatorApi.json(res, Status.OK_200, json(intent).build());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String id = id(req);
        audit.change(req, actor, "fleet-deployment.delete", id, () -> fleet.delete(id), "");
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("id", id).add("deleted", true).build());
    }

    static String id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The id in the path is not a lower-case UUID.");
        }
        return id;
    }

    private static FleetDeployments.Request request(JsonRequest body) {
        Map<String, JsonValue> parameters = new TreeMap<>(body.objectMember("parameters"));
        Selector selector = Selector.parse(body.member("selector").orElseThrow(
                () -> JsonRequest.invalid("selector", "is required")), "selector");
        return new FleetDeployments.Request(body.text("name"), body.optionalText("namespace").orElse("default"),
                new AppVersion(body.text("app"), body.text("version")), body.optionalText("profile"), parameters,
                selector, body.bool("removeOnMismatch", true), body.bool("staged", false));
    }

    private static JsonObjectBuilder json(Intent i) {
        JsonObjectBuilder params = Json.createObjectBuilder();
        new TreeMap<>(i.parameters()).forEach(params::add);
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", i.id()).add("name", i.name())
                .add("namespace", i.namespace()).add("app", i.app().appId()).add("version", i.app().version())
                .add("parameters", params).add("selector", i.selector().toJson())
                .add("removeOnMismatch", i.removeOnMismatch()).add("staged", i.staged())
                .add("createdBy", i.createdBy())
                .add("createdAt", i.createdAt().toString());
        i.profileId().ifPresent(p -> o.add("profile", p));
        return o;
    }
}
