package org.openmargo.wfm.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in operator's console session, held only in the WFM's memory.
 *
 * @param id         the cookie value: 256 random bits, base64url
 * @param csrfToken  the synchronizer token every change must echo: 256 random bits, base64url
 * @param operator   the name the operator signed in with; the console sends it as {@code X-Operator-Name}, so the
 *                   audit log attributes each change to it
 * @param credential the operator token given at sign-in; the console calls the operator API with it
 * @param createdAt  sign-in time (the absolute expiry counts from it)
 * @param lastUsed   the last request's time (the idle expiry counts from it)
 */
public record Session(String id, String csrfToken, String operator, String credential, Instant createdAt,
                      Instant lastUsed) {
    public Session {
        Objects.requireNonNull(id);
        Objects.requireNonNull(csrfToken);
        Objects.requireNonNull(operator);
        Objects.requireNonNull(credential);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(lastUsed);
    }

    Session usedAt(Instant now) {
        return new Session(id, csrfToken, operator, credential, createdAt, now);
    }

    /** Names the operator only: the id, the CSRF token and the credential are secrets. */
    @Override
    public String toString() {
        return "Session[operator=" + operator + ", createdAt=" + createdAt + ", lastUsed=" + lastUsed + "]";
    }
}
