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
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.fleet.ClientLabels;

/**
 * Operator-assigned labels of clients (docs/fleet.md): {@code GET /operator/v1/labels} (every client with labels),
 * {@code GET /operator/v1/clients/{clientId}/labels}, and {@code PATCH .../labels} with a JSON merge patch
 * ({@code {"labels": {"group": "line-7", "example.com/site": null}}}: a string sets, {@code null} removes), all in
 * one transaction with one audit entry. A group is the label {@code group}.
 */
public final class LabelsService implements HttpService {
    private final ClientLabels labels;
    private final AuditLog audit;

    public LabelsService(ClientLabels labels, AuditLog audit) {
        this.labels = Objects.requireNonNull(labels);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/operator/v1/labels", this::all)
                .get("/operator/v1/clients/{clientId}/labels", this::of)
                .patch("/operator/v1/clients/{clientId}/labels", this::patch);
    }

    private void all(ServerRequest req, ServerResponse res) {
        JsonObjectBuilder clients = Json.createObjectBuilder();
        labels.all().forEach((client, l) -> clients.add(client, json(l)));
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("clients", clients).build());
    }

    private void of(ServerRequest req, ServerResponse res) {
        String clientId = OperatorApi.clientId(req);
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("clientId", clientId)
                .add("labels", json(labels.of(clientId))).build());
    }

    private void patch(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = OperatorApi.clientId(req);
        JsonRequest body = JsonRequest.read(req);
        Map<String, JsonValue> patch = new TreeMap<>(body.objectMember("labels"));
        if (patch.isEmpty()) {
            throw JsonRequest.invalid("labels", "must name at least one label");
        }
        patch.forEach((name, value) -> {
            if (value != JsonValue.NULL && !(value instanceof JsonString)) {
                throw JsonRequest.invalid("labels." + name, "must be a string, or null to remove the label");
            }
        });
        Map<String, String> after = audit.change(req, actor, "client.labels", clientId, () -> {
            patch.forEach((name, value) -> {
                if (value instanceof JsonString s) {
                    labels.put(clientId, name, s.getString());
                } else {
                    labels.remove(clientId, name);
                }
            });
            return labels.of(clientId);
        }, a -> "patch=" + patch);
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("clientId", clientId)
                .add("labels", json(after)).build());
    }

    private static JsonObjectBuilder json(Map<String, String> labels) {
        JsonObjectBuilder o = Json.createObjectBuilder();
        new TreeMap<>(labels).forEach(o::add);
        return o;
    }
}
