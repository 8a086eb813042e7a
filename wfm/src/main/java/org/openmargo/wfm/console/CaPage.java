package org.openmargo.wfm.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import org.openmargo.wfm.session.Session;

/**
 * The built-in CA ({@code GET /operator/v1/ca}): anchors, bundle sequence, issuing anchor, MIS TLS pins; and the
 * anchor rotation steps ({@code POST /operator/v1/ca/rotation}), each a form that must be confirmed with a checked
 * box naming the step before the console sends it (the API's 409 for a step out of order is shown as is).
 */
final class CaPage {
    private static final Set<String> STEPS = Set.of("stage", "activate", "finish");
    private final OperatorClient api;
    private final PageWriter pages;

    CaPage(OperatorClient api, PageWriter pages) {
        this.api = api;
        this.pages = pages;
    }

    void show(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, Gate.session(req), new HashMap<>());
    }

    void rotate(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Parameters form = Gate.fields(req);
        String step = form.first("step").orElse("");
        Map<String, Object> model = new HashMap<>();
        if (!STEPS.contains(step)) {
            model.put("error", "Choose a rotation step: stage, activate or finish.");
        } else if (!form.first("confirm").orElse("").equals(step)) {
            model.put("error", "Tick the box that confirms the '" + step + "' step; nothing was changed.");
        } else {
            switch (api.postJson(session, "/operator/v1/ca/rotation",
                    Json.createObjectBuilder().add("step", step).build())) {
                case ApiAnswer.Done done -> {
                    PageWriter.seeOther(res, "/console/ca?done=" + step);
                    return;
                }
                case ApiAnswer.Refused refused -> model.put("error", refused.message());
            }
        }
        send(res, Status.create(409), session, model);
    }

    private void send(ServerResponse res, Status status, Session session, Map<String, Object> model) {
        switch (api.get(session, "/operator/v1/ca")) {
            case ApiAnswer.Done done -> model.put("ca", JsonView.map(done.body()));
            case ApiAnswer.Refused refused -> model.put("caError", refused.message());
        }
        pages.send(res, status, session, "ca", "Certificate authority", "ca", model);
    }
}
