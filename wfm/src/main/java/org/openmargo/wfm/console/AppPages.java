package org.openmargo.wfm.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openmargo.wfm.session.Session;

/**
 * The application catalogue ({@code /operator/v1/apps}, docs/fleet.md): the applications and their versions, import
 * of an ApplicationDescription (a YAML file chosen or pasted; the catalogue validates it and names each refused
 * field), one version with its profiles, components, parameters and configuration, and delete.
 */
final class AppPages {
    private static final int MAX_YAML = 1 << 20;
    private final OperatorClient api;
    private final PageWriter pages;

    AppPages(OperatorClient api, PageWriter pages) {
        this.api = api;
        this.pages = pages;
    }

    void list(ServerRequest req, ServerResponse res) {
        listPage(res, Status.OK_200, Gate.session(req), new HashMap<>());
    }

    void importDescription(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String yaml = Gate.fields(req).first("description").orElse("");
        Map<String, Object> model = new HashMap<>();
        if (yaml.isBlank() || yaml.length() > MAX_YAML) {
            model.put("error", "Choose or paste an ApplicationDescription (YAML, at most 1 MiB).");
            listPage(res, Status.create(422), session, model);
            return;
        }
        switch (api.send(session, "/operator/v1/apps", "POST", yaml.getBytes(StandardCharsets.UTF_8),
                "application/yaml")) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/apps/" + done.body().getString("appId", "")
                    + "/versions/" + done.body().getString("version", ""));
            case ApiAnswer.Refused refused -> {
                model.put("error", refused.message());
                model.put("errors", refused.errors());
                model.put("description", yaml);
                listPage(res, Status.create(refused.status()), session, model);
            }
        }
    }

    void version(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String app = PathSegment.of(req, "app");
        String version = PathSegment.of(req, "version");
        switch (api.get(session, "/operator/v1/apps/" + app + "/versions/" + version)) {
            case ApiAnswer.Done done -> pages.send(res, Status.OK_200, session, "app-version",
                    "Application " + app + " " + version, "apps", versionModel(done.body()));
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    void delete(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String app = PathSegment.of(req, "app");
        String version = PathSegment.of(req, "version");
        switch (api.send(session, "/operator/v1/apps/" + app + "/versions/" + version, "DELETE", new byte[0],
                null)) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/apps");
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    private void listPage(ServerResponse res, Status status, Session session, Map<String, Object> model) {
        switch (api.get(session, "/operator/v1/apps")) {
            case ApiAnswer.Done done -> model.put("apps", JsonView.objects(done.body(), "apps").stream()
                    .map(JsonView::map).toList());
            case ApiAnswer.Refused refused -> model.put("listError", refused.message());
        }
        pages.send(res, status, session, "apps", "Applications", "apps", model);
    }

    static Map<String, Object> versionModel(JsonObject answer) {
        Map<String, Object> model = new HashMap<>(JsonView.map(answer));
        List<Map<String, Object>> parameters = new ArrayList<>();
        if (answer.get("parameters") instanceof JsonObject params) {
            params.forEach((name, value) -> {
                JsonObject p = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                Map<String, Object> row = new HashMap<>(JsonView.map(p));
                row.put("name", name);
                row.put("default", p.containsKey("value") ? JsonView.text(p, "value", "") : "");
                row.put("required", !p.containsKey("value"));
                row.put("targetsText", String.valueOf(p.get("targets") == null ? "" : p.get("targets")));
                parameters.add(row);
            });
        }
        model.put("parameterList", parameters);
        JsonValue configuration = answer.get("configuration");
        model.put("configurationJson", configuration == null ? "" : configuration.toString());
        model.put("json", answer.toString());
        return model;
    }
}
