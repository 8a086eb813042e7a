package org.openmargo.wfm.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openmargo.wfm.session.Session;

/**
 * One client: its devices with their capabilities as reported, its deployments with the latest status of each
 * component and the history of its status changes, its enrollment tokens, its SVID's expiry (from the audit entry of its latest enrollment, renewal or CSR
 * signing: the WFM keeps no other record of issued SVIDs), its history (its last {@value #HISTORY} audit entries) and
 * its operator labels; accept, retire, label and remove-deployment buttons, each a form posting to the console, which
 * makes the matching operator API call and redirects back.
 */
final class ClientPage {
    private static final int HISTORY = 100;
    private static final Set<String> SVID_ACTIONS = Set.of("enroll", "renew", "client.sign-csr");
    /** A deployment id that can go into an API path as it is (the API's ids are UUIDs). */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,255}");
    private static final Pattern NOT_AFTER = Pattern.compile("notAfter=(\\S+)");
    private final OperatorClient api;
    private final PageWriter pages;
    private final Clock clock;
    private final Duration staleAfter;

    ClientPage(OperatorClient api, PageWriter pages, Clock clock, Duration staleAfter) {
        this.api = api;
        this.pages = pages;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    void show(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String clientId = PathSegment.of(req, "clientId");
        switch (api.get(session, "/operator/v1/clients/" + clientId)) {
            case ApiAnswer.Done done -> {
                Map<String, Object> model = new HashMap<>(ClientFacts.of(done.body(), clock.instant(), staleAfter));
                List<Map<String, Object>> deployments = deployments(done.body());
                statusHistory(session, clientId, deployments);
                model.put("deployments", deployments);
                model.put("anyStatusHistory", deployments.stream()
                        .anyMatch(d -> !((List<?>) d.get("statusHistory")).isEmpty()));
                model.put("retired", "retired".equals(model.get("standing")));
                model.put("tokens", tokens(session, clientId));
                operatorLabels(session, clientId, model);
                List<Map<String, Object>> history = history(session, clientId);
                model.put("history", history);
                history.stream().filter(e -> SVID_ACTIONS.contains(e.get("action"))).findFirst()
                        .ifPresent(e -> model.put("svid", svid(e)));
                pages.send(res, Status.OK_200, session, "client", "Client " + clientId, "fleet", model);
            }
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    void accept(ServerRequest req, ServerResponse res) {
        change(req, res, "accept");
    }

    void retire(ServerRequest req, ServerResponse res) {
        change(req, res, "retire");
    }

    void removeDeployment(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String clientId = PathSegment.of(req, "clientId");
        String deploymentId = PathSegment.of(req, "deploymentId");
        ApiAnswer answer = api.send(session, "/operator/v1/clients/" + clientId + "/deployments/" + deploymentId,
                "DELETE", new byte[0], null);
        after(res, session, answer, "/console/clients/" + clientId);
    }

    /** Sets ({@code name}, {@code value}) or, with {@code remove}, removes an operator label: one JSON merge patch. */
    void label(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String clientId = PathSegment.of(req, "clientId");
        var form = Gate.fields(req);
        String name = form.first("name").orElse("").strip();
        JsonObjectBuilder patch = Json.createObjectBuilder();
        if (form.first("remove").isPresent()) {
            patch.addNull(name);
        } else {
            patch.add(name, form.first("value").orElse("").strip());
        }
        ApiAnswer answer = api.send(session, "/operator/v1/clients/" + clientId + "/labels", "PATCH",
                Json.createObjectBuilder().add("labels", patch).build().toString()
                        .getBytes(StandardCharsets.UTF_8), "application/json");
        after(res, session, answer, "/console/clients/" + clientId);
    }

    /** The client's operator labels (the fleet API); nothing when this WFM has no labels API. */
    private void operatorLabels(Session session, String clientId, Map<String, Object> model) {
        if (api.get(session, "/operator/v1/clients/" + clientId + "/labels") instanceof ApiAnswer.Done done
                && done.body().get("labels") instanceof JsonObject labels) {
            model.put("labelsApi", Boolean.TRUE);
            model.put("operatorLabels", labels.keySet().stream().map(k -> Map.of("name", k, "value",
                    JsonView.text(labels, k, ""))).toList());
        }
    }

    private void change(ServerRequest req, ServerResponse res, String action) {
        Session session = Gate.session(req);
        String clientId = PathSegment.of(req, "clientId");
        ApiAnswer answer = api.send(session, "/operator/v1/clients/" + clientId + "/" + action, "POST", new byte[0],
                null);
        after(res, session, answer, "/console/clients/" + clientId);
    }

    private void after(ServerResponse res, Session session, ApiAnswer answer, String back) {
        switch (answer) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, back);
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    private static List<Map<String, Object>> deployments(JsonObject client) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonObject d : JsonView.objects(client, "deployments")) {
            Map<String, Object> row = new HashMap<>(JsonView.map(d));
            row.put("state", ClientFacts.state(d));
            row.put("failed", "failed".equals(row.get("state")));
            row.put("removed", d.containsKey("removedInVersion"));
            List<Map<String, Object>> components = new ArrayList<>();
            if (d.get("status") instanceof JsonObject status && status.get("report") instanceof JsonObject report) {
                for (JsonObject c : JsonView.objects(report, "components")) {
                    components.add(Map.of("name", JsonView.text(c, "name", ""),
                            "state", JsonView.text(c, "state", ""),
                            "error", c.get("error") instanceof JsonObject e ? JsonView.text(e, "message", e.toString())
                                    : ""));
                }
            }
            row.put("componentStatus", components);
            list.add(row);
        }
        return list;
    }

    /**
     * Adds {@code statusHistory} to each deployment row: its status changes, newest first (the operator API's
     * history read, one call per deployment; empty when refused).
     */
    private void statusHistory(Session session, String clientId, List<Map<String, Object>> deployments) {
        for (Map<String, Object> d : deployments) {
            List<Map<String, Object>> changes = new ArrayList<>();
            String id = String.valueOf(d.get("deploymentId"));
            if (SAFE_ID.matcher(id).matches() && api.get(session, "/operator/v1/clients/" + clientId
                    + "/deployments/" + id + "/history") instanceof ApiAnswer.Done done) {
                for (JsonObject c : JsonView.objects(done.body(), "changes")) {
                    Map<String, Object> row = new HashMap<>(JsonView.map(c));
                    row.put("name", d.get("name"));
                    row.put("failed", "failed".equals(row.get("state")));
                    row.put("components", JsonView.objects(c, "components").stream().map(JsonView::map).toList());
                    changes.add(row);
                }
            }
            d.put("statusHistory", changes);
        }
    }

    /** The client's entries of the audit log, newest first: what was done to it and by it. */
    private List<Map<String, Object>> history(Session session, String clientId) {
        return switch (api.get(session, "/operator/v1/audit?limit=" + HISTORY + "&target=" + clientId)) {
            case ApiAnswer.Done done -> JsonView.objects(done.body(), "entries").stream()
                    .filter(e -> about(JsonView.text(e, "target", ""), clientId))
                    .map(JsonView::map).toList();
            case ApiAnswer.Refused refused -> List.of();
        };
    }

    /** Whether an audit target names this client: its id, or its id and a deployment id ({@code client/id}). */
    private static boolean about(String target, String clientId) {
        return target.equals(clientId) || target.startsWith(clientId + "/");
    }

    /** The SVID an enroll, renew or sign-csr entry records ({@code spiffeId=... notAfter=...}). */
    private static Map<String, Object> svid(Map<String, Object> entry) {
        String detail = String.valueOf(entry.get("detail"));
        Matcher notAfter = NOT_AFTER.matcher(detail);
        return Map.of("notAfter", notAfter.find() ? notAfter.group(1) : "unknown", "issuedAt", entry.get("at"),
                "how", entry.get("action"));
    }

    private List<Map<String, Object>> tokens(Session session, String clientId) {
        return switch (api.get(session, "/operator/v1/enrollment-tokens")) {
            case ApiAnswer.Done done -> JsonView.objects(done.body(), "tokens").stream()
                    .filter(t -> clientId.equals(JsonView.text(t, "clientId", "")))
                    .map(JsonView::map).toList();
            case ApiAnswer.Refused refused -> List.of();
        };
    }
}
