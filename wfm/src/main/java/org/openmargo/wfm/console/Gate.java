package org.openmargo.wfm.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.session.Session;
import org.openmargo.wfm.session.SessionStore;

/**
 * The first route of every console path: nothing but the sign-in page and the static assets is served without a
 * live session (a {@code GET} without one is redirected to the sign-in page; htmx requests get {@code HX-Redirect}),
 * and every other method must carry the session's CSRF token, as the {@code _csrf} form field or the
 * {@code X-CSRF-Token} header (synchronizer token pattern), or it is refused with 403 before anything runs. A
 * request whose {@code Origin} is not this listener's is refused with 403 too. The session and, for forms, the
 * parsed fields are handed to the next route in the request context.
 */
final class Gate {
    static final String COOKIE = "openmargo-console";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String FORM = "console.form";

    private final SessionStore sessions;
    private final PageWriter pages;

    Gate(SessionStore sessions, PageWriter pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    void check(ServerRequest req, ServerResponse res) {
        boolean change = !req.prologue().method().equals(Method.GET) && !req.prologue().method().equals(Method.HEAD);
        if (change && !sameOrigin(req)) {
            refuse(res, "This change did not come from a page of this console.");
            return;
        }
        String path = req.path().path();
        if (path.startsWith("/console/assets/") || path.equals(SignIn.PATH)) {
            if (change) {
                req.context().register(FORM, form(req));
            }
            res.next();
            return;
        }
        Optional<Session> session = req.headers().cookies().first(COOKIE).asOptional().flatMap(sessions::use);
        if (session.isEmpty()) {
            toSignIn(req, res);
            return;
        }
        req.context().register(session.get());
        if (change) {
            Parameters form = form(req);
            req.context().register(FORM, form);
            String presented = req.headers().first(HeaderNames.create(CSRF_HEADER))
                    .orElseGet(() -> form.first(CSRF_FIELD).orElse(""));
            if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                refuse(res, "The form's CSRF token is missing or wrong: reload the page and try again.");
                return;
            }
        }
        res.next();
    }

    /** The session the gate let through. */
    static Session session(ServerRequest req) {
        return req.context().get(Session.class).orElseThrow();
    }

    /** The form fields of a change the gate let through (empty for a body that is not a form). */
    static Parameters fields(ServerRequest req) {
        return req.context().get(FORM, Parameters.class).orElseGet(() -> Parameters.empty("form"));
    }

    private static Parameters form(ServerRequest req) {
        boolean urlEncoded = req.headers().contentType()
                .map(t -> t.mediaType().text().equalsIgnoreCase("application/x-www-form-urlencoded"))
                .orElse(false);
        return urlEncoded && req.content().hasEntity() ? req.content().as(Parameters.class)
                : Parameters.empty("form");
    }

    private static boolean sameOrigin(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return true; // not a browser's cross-origin request; the CSRF token still decides
        }
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        String scheme = req.isSecure() ? "https://" : "http://";
        return origin.get().equalsIgnoreCase(scheme + host);
    }

    private void refuse(ServerResponse res, String why) {
        pages.send(res, Status.FORBIDDEN_403, null, "refused", "Refused", "", java.util.Map.of("why", why));
    }

    private static void toSignIn(ServerRequest req, ServerResponse res) {
        if (req.headers().contains(HeaderNames.create("HX-Request"))) {
            PageWriter.headers(res);
            res.header("HX-Redirect", SignIn.PATH);
            res.status(Status.UNAUTHORIZED_401).send();
            return;
        }
        PageWriter.seeOther(res, SignIn.PATH);
    }
}
