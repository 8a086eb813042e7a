package org.openmargo.wfm.console;

import java.util.Map;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.session.Session;
import org.openmargo.wfm.session.SessionStore;

/**
 * Sign-in and sign-out. An operator signs in with a name (what the audit log will call them, the rules of
 * {@code X-Operator-Name}) and the operator token, which is checked by calling the operator API with it; success
 * starts a server-side session whose id goes into an {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to
 * {@code /console} ({@code Secure} when configured). A failed attempt is answered after a second, to slow guessing.
 */
final class SignIn {
    static final String PATH = "/console/sign-in";
    private static final long FAILURE_DELAY_MILLIS = 1000;

    private final SessionStore sessions;
    private final OperatorClient api;
    private final PageWriter pages;
    private final boolean secureCookie;

    SignIn(SessionStore sessions, OperatorClient api, PageWriter pages, boolean secureCookie) {
        this.sessions = sessions;
        this.api = api;
        this.pages = pages;
        this.secureCookie = secureCookie;
    }

    void form(ServerRequest req, ServerResponse res) {
        pages.send(res, Status.OK_200, null, "sign-in", "Sign in", "", Map.of());
    }

    void signIn(ServerRequest req, ServerResponse res) throws InterruptedException {
        Parameters form = Gate.fields(req);
        String name = form.first("operator").orElse("").strip();
        String token = form.first("token").orElse("").strip();
        if (!validName(name)) {
            failed(res, name, "Your name must be 1-64 printable ASCII characters: the audit log records it.");
            return;
        }
        switch (token.isEmpty() ? new ApiAnswer.Refused(401, "", "") : api.probe(token)) {
            case ApiAnswer.Done done -> {
                Session session = sessions.create(name, token);
                res.headers().addCookie(SetCookie.builder(Gate.COOKIE, session.id()).path("/console").httpOnly(true)
                        .secure(secureCookie).sameSite(SetCookie.SameSite.STRICT).build());
                PageWriter.seeOther(res, "/console/fleet");
            }
            case ApiAnswer.Refused refused when refused.status() == 401 -> {
                Thread.sleep(FAILURE_DELAY_MILLIS);
                failed(res, name, "That is not the operator token.");
            }
            case ApiAnswer.Refused refused -> failed(res, name, refused.message());
        }
    }

    void signOut(ServerRequest req, ServerResponse res) {
        sessions.end(Gate.session(req).id());
        res.headers().addCookie(SetCookie.builder(Gate.COOKIE, "").path("/console").httpOnly(true)
                .secure(secureCookie).sameSite(SetCookie.SameSite.STRICT).expires(java.time.Instant.EPOCH).build());
        PageWriter.seeOther(res, PATH + "?signed-out");
    }

    private void failed(ServerResponse res, String name, String why) {
        pages.send(res, Status.UNAUTHORIZED_401, null, "sign-in", "Sign in", "", Map.of("error", why,
                "operator", name));
    }

    private static boolean validName(String name) {
        return !name.isEmpty() && name.length() <= 64 && name.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
