package org.openmargo.wfm.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.openmargo.wfm.session.Session;

/**
 * Staged rollouts ({@code /operator/v1/rollouts}, docs/fleet.md): the list with a form to start one, and a rollout's
 * page with a progress bar per wave that htmx refreshes every two seconds while the rollout is running or paused,
 * and the pause, resume, cancel and rollback commands.
 */
final class RolloutPages {
    private final OperatorClient api;
    private final PageWriter pages;

    RolloutPages(OperatorClient api, PageWriter pages) {
        this.api = api;
        this.pages = pages;
    }

    void list(ServerRequest req, ServerResponse res) {
        listPage(res, Status.OK_200, Gate.session(req), new HashMap<>());
    }

    void start(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Parameters form = Gate.fields(req);
        Map<String, Object> model = new HashMap<>();
        String wavesText = form.first("waves").orElse("");
        Optional<JsonArray> waves = Waves.parse(wavesText);
        model.put("form", Map.of("fleetDeployment", form.first("fleetDeployment").orElse(""),
                "toVersion", form.first("toVersion").orElse(""), "waves", wavesText,
                "successThreshold", form.first("successThreshold").orElse(""),
                "errorThreshold", form.first("errorThreshold").orElse(""),
                "waveTimeout", form.first("waveTimeout").orElse("")));
        if (waves.isEmpty()) {
            model.put("error", "Waves are comma-separated device counts or percentages, for example: 1, 50%, 100%");
            listPage(res, Status.create(422), session, model);
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("fleetDeployment", form.first("fleetDeployment").orElse(""))
                .add("toVersion", form.first("toVersion").orElse("").strip())
                .add("waves", waves.get());
        for (String threshold : new String[] {"successThreshold", "errorThreshold"}) {
            String value = form.first(threshold).orElse("").strip();
            if (!value.isEmpty()) {
                if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,6})?")) {
                    model.put("error", threshold + " is a fraction from 0 to 1, for example 0.9");
                    listPage(res, Status.create(422), session, model);
                    return;
                }
                body.add(threshold, new BigDecimal(value));
            }
        }
        String timeout = form.first("waveTimeout").orElse("").strip();
        if (!timeout.isEmpty()) {
            body.add("waveTimeout", timeout);
        }
        switch (api.postJson(session, "/operator/v1/rollouts", body.build())) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/rollouts/"
                    + done.body().getString("id", ""));
            case ApiAnswer.Refused refused -> {
                model.put("error", refused.message());
                model.put("errors", refused.errors());
                listPage(res, Status.create(refused.status()), session, model);
            }
        }
    }

    void show(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String id = PathSegment.of(req, "id");
        switch (api.get(session, "/operator/v1/rollouts/" + id)) {
            case ApiAnswer.Done done -> pages.send(res, Status.OK_200, session, "rollout", "Rollout", "rollouts",
                    progress(done.body()));
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    void command(ServerRequest req, ServerResponse res, String command) {
        Session session = Gate.session(req);
        String id = PathSegment.of(req, "id");
        switch (api.send(session, "/operator/v1/rollouts/" + id + "/" + command, "POST", new byte[0], null)) {
            case ApiAnswer.Done done -> PageWriter.seeOther(res, "/console/rollouts/"
                    + (command.equals("rollback") ? done.body().getString("id", id) : id));
            case ApiAnswer.Refused refused -> Failure.show(pages, res, session, refused);
        }
    }

    private void listPage(ServerResponse res, Status status, Session session, Map<String, Object> model) {
        switch (api.get(session, "/operator/v1/rollouts")) {
            case ApiAnswer.Done done -> model.put("rollouts", JsonView.objects(done.body(), "rollouts").stream()
                    .map(JsonView::map).toList());
            case ApiAnswer.Refused refused -> model.put("listError", refused.message());
        }
        switch (api.get(session, "/operator/v1/fleet-deployments")) {
            case ApiAnswer.Done done -> model.put("fleetDeployments", JsonView.objects(done.body(),
                    "fleetDeployments").stream().map(JsonView::map).toList());
            case ApiAnswer.Refused refused -> model.putIfAbsent("listError", refused.message());
        }
        pages.send(res, status, session, "rollouts", "Rollouts", "rollouts", model);
    }

    /** The rollout with per-wave figures: devices, installed, percent, and whether the page keeps refreshing. */
    static Map<String, Object> progress(JsonObject rollout) {
        Map<String, Object> model = new HashMap<>(JsonView.map(rollout));
        String state = rollout.getString("state", "");
        model.put("live", state.equals("running") || state.equals("paused"));
        model.put("running", state.equals("running"));
        model.put("paused", state.equals("paused"));
        List<Map<String, Object>> waves = new ArrayList<>();
        int total = 0;
        int installed = 0;
        for (JsonObject wave : JsonView.objects(rollout, "waveProgress")) {
            int devices = wave.getInt("devices", 0);
            int done = count(wave, "installed");
            total += devices;
            installed += done;
            Map<String, Object> w = new HashMap<>(JsonView.map(wave));
            w.put("number", wave.getInt("index", 0) + 1);
            w.put("installed", done);
            int failed = count(wave, "failed");
            int stale = wave.getInt("stale", 0);
            w.put("failed", failed > 0 ? failed : Boolean.FALSE);
            w.put("stale", stale > 0 ? stale : Boolean.FALSE);
            w.put("percent", devices == 0 ? 0 : done * 100 / devices);
            waves.add(w);
        }
        model.put("waveList", waves);
        model.put("installed", installed);
        model.put("total", total);
        model.put("percent", total == 0 ? 0 : installed * 100 / total);
        model.put("deviceList", JsonView.objects(rollout, "devices").stream().map(d -> {
            Map<String, Object> row = JsonView.map(d);
            row.put("waveNumber", d.getInt("wave", 0) + 1);
            return row;
        }).toList());
        return model;
    }

    private static int count(JsonObject wave, String state) {
        JsonValue counts = wave.get("counts");
        return counts instanceof JsonObject c ? c.getInt(state, 0) : 0;
    }
}
