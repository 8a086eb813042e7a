package org.openmargo.wfm.operatorapi;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.identity.ClientId;
import org.openmargo.wfm.rollout.DeviceProgress;
import org.openmargo.wfm.rollout.Progress;
import org.openmargo.wfm.rollout.Rollout;
import org.openmargo.wfm.rollout.Rollouts;
import org.openmargo.wfm.rollout.WaveSize;

/**
 * Staged rollouts (docs/fleet.md): {@code POST /operator/v1/rollouts} starts one (201); {@code GET} lists them;
 * {@code GET .../{id}} is its progress (counts by state for the rollout and per wave, every device with its last
 * poll and last error); {@code POST .../{id}/pause}, {@code /resume}, {@code /cancel}, {@code /rollback} (201, the
 * new rollout) and {@code /exclusions} ({@code {"clientId", "deviceId"}}). Commands on a rollout in the wrong state
 * are 409. Every change and its audit entry are one transaction.
 */
public final class RolloutsService implements HttpService {
    private static final String BASE = "/operator/v1/rollouts";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final Rollouts rollouts;
    private final AuditLog audit;

    public RolloutsService(Rollouts rollouts, AuditLog audit) {
        this.rollouts = Objects.requireNonNull(rollouts);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BASE, this::start)
                .get(BASE, this::list)
                .get(BASE + "/{id}", this::show)
                .post(BASE + "/{id}/pause", (req, res) -> command(req, res, "pause"))
                .post(BASE + "/{id}/resume", (req, res) -> command(req, res, "resume"))
                .post(BASE + "/{id}/cancel", (req, res) -> command(req, res, "cancel"))
                .post(BASE + "/{id}/rollback", this::rollback)
                .post(BASE + "/{id}/exclusions", this::exclude);
    }

    private void start(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        JsonRequest body = JsonRequest.read(req);
        Rollouts.Request request = new Rollouts.Request(body.text("fleetDeployment"), body.text("toVersion"),
                WaveSize.parse(body.member("waves").orElseThrow(() -> JsonRequest.invalid("waves", "is required"))),
                body.fraction("successThreshold", 1.0), body.fraction("errorThreshold", 0.0),
                body.duration("waveTimeout", DEFAULT_TIMEOUT));
        Rollout r = audit.change(req, actor, "rollout.start", request.intentId(), () -> rollouts.start(request, actor),
                x -> "rollout=" + x.id() + " " + x.fromVersion() + "->" + x.toVersion() + " waves="
                        + WaveSize.toJson(x.waves()));
        OperatorApi.json(res, Status.CREATED_201, json(r).build());
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        rollouts.list().forEach(r -> list.add(json(r)));
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("rollouts", list).build());
    }

    private void show(ServerRequest req, ServerResponse res) {
        Progress p = rollouts.progress(FleetDeploymentsService.id(req));
        JsonArrayBuilder waves = Json.createArrayBuilder();
        for (Progress.Wave w : p.waves()) {
            waves.add(Json.createObjectBuilder().add("index", w.index()).add("devices", w.size())
                    .add("counts", counts(w.counts())).add("stale", w.stale()));
        }
        JsonArrayBuilder devices = Json.createArrayBuilder();
        for (DeviceProgress d : p.devices()) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("clientId", d.clientId())
                    .add("deviceId", d.deviceId()).add("wave", d.wave()).add("state", wire(d.state()))
                    .add("stale", d.stale());
            d.lastPoll().ifPresent(t -> o.add("lastPoll", t.toString()));
            d.reportedAt().ifPresent(t -> o.add("reportedAt", t.toString()));
            d.lastError().ifPresent(e -> o.add("lastError", e));
            devices.add(o);
        }
        OperatorApi.json(res, Status.OK_200, json(p.rollout()).add("counts", counts(p.counts()))
                .add("stale", p.stale()).add("waveProgress", waves).add("devices", devices).build());
    }

    private void command(ServerRequest req, ServerResponse res, String command) {
        String actor = Actor.operator(req);
        String id = FleetDeploymentsService.id(req);
        Rollout r = audit.change(req, actor, "rollout." + command, id, () -> switch (command) {
            case "pause" -> rollouts.pause(id);
            case "resume" -> rollouts.resume(id);
            default -> rollouts.cancel(id);
        }, x -> "state=" + x.state().name().toLowerCase(Locale.ROOT));
        OperatorApi.json(res, Status.OK_200, json(r).build());
    }

    private void rollback(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String id = FleetDeploymentsService.id(req);
        Rollout r = audit.change(req, actor, "rollout.rollback", id, () -> rollouts.rollback(id, actor),
                x -> "rollout=" + x.id() + " " + x.fromVersion() + "->" + x.toVersion());
        OperatorApi.json(res, Status.CREATED_201, json(r).build());
    }

    private void exclude(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String id = FleetDeploymentsService.id(req);
        JsonRequest body = JsonRequest.read(req);
        String clientId = body.text("clientId");
        if (!ClientId.isValid(clientId)) {
            throw JsonRequest.invalid("clientId", ClientId.RULE);
        }
        String deviceId = body.text("deviceId");
        audit.change(req, actor, "rollout.exclude", id, () -> rollouts.exclude(id, clientId, deviceId),
                "client=" + clientId + " device=" + deviceId);
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("id", id).add("clientId", clientId)
                .add("deviceId", deviceId).add("excluded", true).build());
    }

    /** A version, or JSON null for {@link Rollout#NONE}. */
    private static jakarta.json.JsonValue version(String v) {
        return v.equals(Rollout.NONE) ? jakarta.json.JsonValue.NULL : Json.createValue(v);
    }

    private static JsonObjectBuilder json(Rollout r) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", r.id()).add("fleetDeployment", r.intentId())
                .add("fromVersion", version(r.fromVersion())).add("toVersion", version(r.toVersion()))
                .add("waves", WaveSize.toJson(r.waves())).add("successThreshold", r.successThreshold())
                .add("errorThreshold", r.errorThreshold()).add("waveTimeout", r.waveTimeout().toString())
                .add("state", r.state().name().toLowerCase(Locale.ROOT)).add("currentWave", r.currentWave())
                .add("waveStartedAt", r.waveStartedAt().toString()).add("createdBy", r.createdBy())
                .add("createdAt", r.createdAt().toString());
        r.reason().ifPresent(x -> o.add("reason", x));
        r.rollbackOf().ifPresent(x -> o.add("rollbackOf", x));
        return o;
    }

    private static JsonObjectBuilder counts(Map<DeviceProgress.State, Integer> counts) {
        JsonObjectBuilder o = Json.createObjectBuilder();
        counts.forEach((s, n) -> o.add(wire(s), n));
        return o;
    }

    static String wire(DeviceProgress.State s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
