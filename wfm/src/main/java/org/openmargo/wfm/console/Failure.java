package org.openmargo.wfm.console;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.session.Session;

/**
 * A page that says what the operator API refused and why, with the API's status (a 502 when it could not be
 * reached).
 */
final class Failure {
    private Failure() {
    }

    static void show(PageWriter pages, ServerResponse res, Session session, ApiAnswer.Refused refused) {
        pages.send(res, Status.create(refused.status()), session, "failure", "Refused", "",
                Map.of("status", refused.status(), "title", refused.title(), "detail", refused.detail(),
                        "errors", refused.errors()));
    }
}
