package org.openmargo.wfm.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import org.openmargo.wfm.session.Session;

/**
 * The fleet overview: one page of clients ({@value #PAGE_SIZE} a page, filtered by a part of the id and by
 * standing) from {@code GET /operator/v1/clients?offset&limit&q&standing}, so a page costs the same with 10 or
 * 10,000 clients. Query values the API refuses come back as its problem, shown on the page.
 */
final class FleetPage {
    static final int PAGE_SIZE = 25;
    private final OperatorClient api;
    private final PageWriter pages;
    private final Clock clock;
    private final Duration staleAfter;

    FleetPage(OperatorClient api, PageWriter pages, Clock clock, Duration staleAfter) {
        this.api = api;
        this.pages = pages;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    void show(ServerRequest req, ServerResponse res) {
        Session session = Gate.session(req);
        String q = req.query().first("q").orElse("");
        String standing = req.query().first("standing").orElse("");
        int page = pageNumber(req.query().first("page").orElse("1"));
        String query = "?offset=" + (page - 1) * PAGE_SIZE + "&limit=" + PAGE_SIZE
                + (q.isEmpty() ? "" : "&q=" + encode(q)) + (standing.isEmpty() ? "" : "&standing=" + encode(standing));
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("standing-" + (standing.isEmpty() ? "any" : standing), Boolean.TRUE);
        switch (api.get(session, "/operator/v1/clients" + query)) {
            case ApiAnswer.Done done -> fill(model, done.body(), page, q, standing);
            case ApiAnswer.Refused refused -> model.put("error", refused.message());
        }
        pages.send(res, Status.OK_200, session, "fleet", "Fleet", "fleet", model);
    }

    private void fill(Map<String, Object> model, JsonObject body, int page, String q, String standing) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonObject client : JsonView.objects(body, "clients")) {
            rows.add(ClientFacts.of(client, clock.instant(), staleAfter));
        }
        int total = body.getInt("total", rows.size());
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        model.put("clients", rows);
        model.put("total", total);
        model.put("shown", rows.size());
        model.put("stale", rows.stream().filter(r -> Boolean.TRUE.equals(r.get("stale"))).count());
        model.put("page", page);
        model.put("pages", pages);
        String filters = (q.isEmpty() ? "" : "&q=" + encode(q))
                + (standing.isEmpty() ? "" : "&standing=" + encode(standing));
        if (page > 1) {
            model.put("previous", "/console/fleet?page=" + (page - 1) + filters);
        }
        if (page < pages) {
            model.put("next", "/console/fleet?page=" + (page + 1) + filters);
        }
    }

    private static int pageNumber(String text) {
        return text.matches("[1-9][0-9]{0,6}") ? Integer.parseInt(text) : 1;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
