package org.openmargo.wfm.console;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.session.Session;

/**
 * Writes console pages (each template opens with the {@code header} partial and closes with {@code footer}), with
 * the headers every console answer carries (a Content-Security-Policy that allows only this origin's scripts and
 * styles, no framing, no caching, no sniffing, referrer only to this origin).
 */
final class PageWriter {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final Templates templates;

    PageWriter(Templates templates) {
        this.templates = templates;
    }

    /**
     * Sends a page.
     *
     * @param session the signed-in operator (their name and CSRF token go into the layout); null on the sign-in page
     * @param nav     the navigation entry to mark as current ({@code fleet}, {@code onboarding}, {@code ca},
     *                {@code audit}), or empty
     */
    void send(ServerResponse res, Status status, Session session, String template, String title, String nav,
              Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>(model);
        page.put("title", title);
        if (session != null) {
            page.put("session", Map.of("operator", session.operator(), "csrf", session.csrfToken()));
        }
        if (!nav.isEmpty()) {
            page.put("nav-" + nav, Boolean.TRUE);
        }
        byte[] html = templates.render(template, page).getBytes(StandardCharsets.UTF_8);
        res.status(status);
        headers(res);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html);
    }

    /** The security headers of every console answer. */
    static void headers(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("Content-Security-Policy", CSP);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "same-origin"); // "no-referrer" makes Chromium send "Origin: null" on form posts
        res.header("X-Frame-Options", "DENY");
    }

    /** A 303 to a console path (after a change: post, redirect, get). */
    static void seeOther(ServerResponse res, String path) {
        headers(res);
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, path);
        res.send();
    }
}
