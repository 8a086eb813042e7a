package org.openmargo.wfm.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import org.openmargo.wfm.session.Session;

/**
 * Onboarding: create a one-time enrollment token ({@code POST /operator/v1/enrollment-tokens}) and show it once,
 * with the {@code agent.conf} lines and the enroll command; the token list; revoke. The page that shows a new token
 * is the answer to the POST itself (never stored, never redirected to, {@code Cache-Control: no-store}).
 */
final class OnboardingPage {
    private final OperatorClient api;
    private final PageWriter pages;

    OnboardingPage(OperatorClient api, PageWriter pages) {
        this.api = api;
        this.pages = pages;
    }

    void show(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        send(res, Status.OK_200, session, new HashMap<>());
    }

    void create(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Parameters form = Gate.fields(req);
        JsonObjectBuilder body = Json.createObjectBuilder().add("clientId", form.first("clientId").orElse("").strip());
        String ttl = form.first("ttl").orElse("").strip();
        if (!ttl.isEmpty()) {
            body.add("ttl", ttl);
        }
        Map<String, Object> model = new HashMap<>();
        switch (api.postJson(session, "/operator/v1/enrollment-tokens", body.build())) {
            case ApiAnswer.Done done -> model.put("created", created(done.body()));
            case ApiAnswer.Refused refused -> {
                model.put("error", refused.message());
                model.put("clientId", form.first("clientId").orElse(""));
                model.put("ttl", ttl);
            }
        }
        send(res, model.containsKey("error") ? Status.create(422) : Status.CREATED_201, session, model);
    }

    void revoke(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String tokenId = PathSegment.of(req, "tokenId");
        switch (api.send(session, "/operator/v1/enrollment-tokens/" + tokenId, "DELETE", new byte[0], null)) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/onboarding");
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    private void send(ServerResponse res, Status status, Session session, Map<String, Object> model) {
        switch (api.get(session, "/operator/v1/enrollment-tokens")) {
            case ApiAnswer.Done done -> model.put("tokens", JsonView.objects(done.body(), "tokens").stream()
                    .map(t -> {
                        Map<String, Object> row = JsonView.map(t);
                        row.put("revocable", "unused".equals(row.get("state")));
                        return row;
                    }).toList());
            case ApiAnswer.Refused refused -> model.put("listError", refused.message());
        }
        pages.send(res, status, session, "onboarding", "Onboarding", "onboarding", model);
    }

    private static Map<String, Object> created(JsonObject answer) {
        List<String> pins = answer.getJsonArray("pins") == null ? List.of()
                : answer.getJsonArray("pins").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
        String token = JsonView.text(answer, "token", "");
        String config = "trust.discovery-url = " + JsonView.text(answer, "discoveryUri", "") + "\n"
                + (pins.isEmpty() ? "" : "trust.pins = " + String.join(", ", pins) + "\n");
        Map<String, Object> created = new HashMap<>(JsonView.map(answer));
        created.put("agentConfig", config);
        created.put("command", "openmargo-agent enroll --config agent.conf --token " + token);
        return created;
    }
}
