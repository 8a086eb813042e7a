package org.openmargo.wfm.console;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import org.openmargo.wfm.session.Session;

/**
 * Fleet deployments ({@code /operator/v1/fleet-deployments}, docs/fleet.md): the list with a form to deploy an
 * application version to a selector, one fleet deployment with its members (placed or not, with the reason), and
 * delete. The selector and the parameters are typed as JSON objects; what the API refuses comes back with its
 * messages per field.
 */
final class FleetDeploymentPages {
    private final OperatorClient api;
    private final PageWriter pages;

    FleetDeploymentPages(OperatorClient api, PageWriter pages) {
        this.api = api;
        this.pages = pages;
    }

    void list(ServerRequest req, ServerResponse res) {
        listPage(res, Status.OK_200, Gate.session(req), new HashMap<>());
    }

    void create(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Parameters form = Gate.fields(req);
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> echo = new HashMap<>();
        for (String field : new String[] {"name", "namespace", "app", "version", "profile", "selector", "parameters"}) {
            echo.put(field, form.first(field).orElse(""));
        }
        echo.put("keep", form.first("removeOnMismatch").isEmpty());
        model.put("form", echo);
        model.put("fields", fields(session, form));
        Optional<JsonObject> selector = object(form.first("selector").orElse(""));
        String parametersText = form.first("parameters").orElse("").strip();
        Optional<JsonObject> parameters = parametersText.isEmpty() ? Optional.of(JsonObject.EMPTY_JSON_OBJECT)
                : object(parametersText);
        if (selector.isEmpty() || parameters.isEmpty()) {
            model.put("error", (selector.isEmpty() ? "The selector" : "The parameters")
                    + " must be a JSON object, for example {\"matchLabels\": {\"example.com/line\": \"packaging\"}}.");
            listPage(res, Status.create(422), session, model);
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder();
        for (String field : new String[] {"name", "namespace", "app", "version", "profile"}) {
            String value = form.first(field).orElse("").strip();
            if (!value.isEmpty()) {
                body.add(field, value);
            }
        }
        JsonObjectBuilder values = ParameterFields.values(form);
        parameters.get().forEach(values::add);
        body.add("selector", selector.get()).add("parameters", values)
                .add("removeOnMismatch", form.first("removeOnMismatch").isPresent());
        switch (api.postJson(session, "/operator/v1/fleet-deployments", body.build())) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/deployments/"
                    + done.body().getString("id", ""));
            case ApiAnswer.Refused refused -> {
                model.put("error", refused.message());
                model.put("errors", refused.errors());
                model.put("fields", withErrors(fields(session, form), refused.errors()));
                listPage(res, Status.create(refused.status()), session, model);
            }
        }
    }

    /** Puts each {@code parameters.NAME} field error under its field too. */
    private static List<Map<String, Object>> withErrors(List<Map<String, Object>> fields,
                                                        List<Map<String, Object>> errors) {
        return fields.stream().map(f -> {
            Map<String, Object> field = new HashMap<>(f);
            errors.stream().filter(e -> ("parameters." + f.get("name")).equals(e.get("field"))).findFirst()
                    .ifPresent(e -> field.put("error", e.get("message")));
            return field;
        }).toList();
    }

    /** The parameter fields of the version named by {@code app} and {@code version} (an htmx fragment). */
    void parameterFields(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Map<String, Object> model = new HashMap<>();
        String app = req.query().first("app").orElse("").strip();
        String version = req.query().first("version").orElse("").strip();
        if (!app.isEmpty() && !version.isEmpty()) {
            switch (api.get(session, "/operator/v1/apps/" + FleetPage.encode(app) + "/versions/"
                    + FleetPage.encode(version))) {
                case ApiAnswer.Done done -> model.put("fields", ParameterFields.of(done.body()));
                case ApiAnswer.Refused refused -> model.put("fieldsError", refused.message());
            }
        }
        pages.send(res, Status.OK_200, session, "parameter-fields", "", "", model);
    }

    /**
     * The live target count under the deploy form (an htmx fragment, posted with the form's CSRF token as the
     * selector is typed): {@code POST /operator/v1/fleet-previews} with the form's selector and, when both are
     * filled in, application version, profile and parameters. When the API refuses the version, the count is asked
     * again without it, so the operator still sees how many devices match.
     */
    void preview(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Parameters form = Gate.fields(req);
        Map<String, Object> model = new HashMap<>();
        Optional<JsonObject> selector = object(form.first("selector").orElse(""));
        if (selector.isEmpty()) {
            model.put("hint", "Type a selector (a JSON object) to see how many devices it matches.");
            pages.send(res, Status.OK_200, session, "target-count", "", "", model);
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("selector", selector.get());
        String app = form.first("app").orElse("").strip();
        String version = form.first("version").orElse("").strip();
        boolean placement = !app.isEmpty() && !version.isEmpty();
        if (placement) {
            body.add("app", app).add("version", version);
            String profile = form.first("profile").orElse("").strip();
            if (!profile.isEmpty()) {
                body.add("profile", profile);
            }
            JsonObjectBuilder values = ParameterFields.values(form);
            object(form.first("parameters").orElse("")).ifPresent(extra -> extra.forEach(values::add));
            body.add("parameters", values);
        }
        ApiAnswer answer = api.postJson(session, "/operator/v1/fleet-previews", body.build());
        if (placement && answer instanceof ApiAnswer.Refused refused && refused.status() == 422) {
            model.put("versionProblem", refused.message());
            answer = api.postJson(session, "/operator/v1/fleet-previews",
                    Json.createObjectBuilder().add("selector", selector.get()).build());
        }
        switch (answer) {
            case ApiAnswer.Done done -> {
                model.putAll(JsonView.map(done.body()));
                model.put("placement", done.body().containsKey("placeable"));
                model.put("anyNotPlaceable", !JsonView.objects(done.body(), "notPlaceable").isEmpty());
                model.put("more", done.body().getInt("notPlaceableCount", 0)
                        > JsonView.objects(done.body(), "notPlaceable").size());
            }
            case ApiAnswer.Refused refused -> {
                model.put("problem", refused.message());
                model.put("errors", refused.errors());
            }
        }
        pages.send(res, Status.OK_200, session, "target-count", "", "", model);
    }

    /** After a refused create: the version's fields again, with the values the operator posted. */
    private List<Map<String, Object>> fields(Session session, Parameters form) {
        String app = form.first("app").orElse("").strip();
        String version = form.first("version").orElse("").strip();
        if (app.isEmpty() || version.isEmpty() || !(api.get(session, "/operator/v1/apps/" + FleetPage.encode(app)
                + "/versions/" + FleetPage.encode(version)) instanceof ApiAnswer.Done done)) {
            return List.of();
        }
        return ParameterFields.of(done.body()).stream().map(f -> {
            Map<String, Object> field = new HashMap<>(f);
            form.first(ParameterFields.PREFIX + f.get("name")).ifPresent(v -> {
                field.put("value", v);
                field.put("checked", v.equals("true"));
            });
            return field;
        }).toList();
    }

    void show(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String id = PathSegment.of(req, "id");
        switch (api.get(session, "/operator/v1/fleet-deployments/" + id)) {
            case ApiAnswer.Done done -> {
                Map<String, Object> model = new HashMap<>(JsonView.map(done.body()));
                model.put("selectorJson", String.valueOf(done.body().get("selector")));
                model.put("parametersJson", String.valueOf(done.body().get("parameters")));
                model.put("memberCount", JsonView.objects(done.body(), "members").size());
                pages.send(res, Status.OK_200, session, "fleet-deployment", "Fleet deployment "
                        + done.body().getString("name", id), "deployments", model);
            }
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    void delete(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String id = PathSegment.of(req, "id");
        switch (api.send(session, "/operator/v1/fleet-deployments/" + id, "DELETE", new byte[0], null)) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/deployments");
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    private void listPage(ServerResponse res, Status status, Session session, Map<String, Object> model) {
        switch (api.get(session, "/operator/v1/fleet-deployments")) {
            case ApiAnswer.Done done -> model.put("fleetDeployments", JsonView.objects(done.body(),
                    "fleetDeployments").stream().map(d -> {
                        Map<String, Object> row = JsonView.map(d);
                        row.put("selectorJson", String.valueOf(d.get("selector")));
                        return row;
                    }).toList());
            case ApiAnswer.Refused refused -> model.put("listError", refused.message());
        }
        pages.send(res, status, session, "fleet-deployments", "Fleet deployments", "deployments", model);
    }

    private static Optional<JsonObject> object(String text) {
        if (text.isBlank() || text.length() > 65536) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }
}
