package org.openmargo.wfm.console;

import java.util.HashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.session.Session;

/**
 * The audit log, newest first, filtered by parts of the actor, action and target
 * ({@code GET /operator/v1/audit?limit&actor&action&target}).
 */
final class AuditPage {
    private final OperatorClient api;
    private final PageWriter pages;

    AuditPage(OperatorClient api, PageWriter pages) {
        this.api = api;
        this.pages = pages;
    }

    void show(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        Map<String, Object> model = new HashMap<>();
        StringBuilder query = new StringBuilder("?limit=");
        String limit = req.query().first("limit").orElse("100");
        query.append(FleetPage.encode(limit));
        model.put("limit", limit);
        for (String name : new String[] {"actor", "action", "target"}) {
            String value = req.query().first(name).orElse("");
            model.put(name, value);
            if (!value.isEmpty()) {
                query.append('&').append(name).append('=').append(FleetPage.encode(value));
            }
        }
        switch (api.get(session, "/operator/v1/audit" + query)) {
            case ApiAnswer.Done done -> {
                var entries = JsonView.objects(done.body(), "entries").stream().map(JsonView::map).toList();
                model.put("entries", entries);
                model.put("count", entries.size());
            }
            case ApiAnswer.Refused refused -> model.put("error", refused.message());
        }
        pages.send(res, Status.OK_200, session, "audit", "Audit log", "audit", model);
    }
}
