package org.openmargo.wfm.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited change. Texts longer than their column are cut (with a trailing {@code …}) rather than refused: an
 * audit entry must never be lost because a field was long.
 *
 * @param at            when it happened
 * @param actor         who: an operator name, or {@code device:<clientId>}
 * @param remoteAddress the IP address the request came from
 * @param action        what, for example {@code client.accept} or {@code enroll}
 * @param target        on what, for example the client id
 * @param detail        anything else worth keeping; may be empty
 */
public record AuditEvent(Instant at, String actor, String remoteAddress, String action, String target,
                         String detail) {
    static final int MAX_ACTOR = 80;
    static final int MAX_REMOTE = 64;
    static final int MAX_ACTION = 64;
    static final int MAX_TARGET = 512;
    static final int MAX_DETAIL = 2048;

    public AuditEvent {
        Objects.requireNonNull(at);
        actor = cut(actor, MAX_ACTOR);
        remoteAddress = cut(remoteAddress, MAX_REMOTE);
        action = cut(action, MAX_ACTION);
        target = cut(target, MAX_TARGET);
        detail = cut(detail, MAX_DETAIL);
    }

    private static String cut(String text, int max) {
        Objects.requireNonNull(text);
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
