package org.openmargo.wfm.store;

/** The statements of {@link JdbcAuditStore}. */
final class AuditSql {
    private AuditSql() {
    }

    static final Named APPEND = Named.of("audit.append", """
            INSERT INTO audit_log (at, actor, remote_address, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)""");

    /** The id is the append order; {@code at} may repeat within a clock tick. */
    static final Named RECENT = Named.of("audit.recent", """
            SELECT id, at, actor, remote_address, action, target, detail FROM audit_log ORDER BY id DESC
            FETCH FIRST ? ROWS ONLY""");

    /** As {@link #RECENT}, of the entries whose actor, action and target are {@code LIKE} the three patterns. */
    static final Named RECENT_MATCHING = Named.of("audit.recent-matching", """
            SELECT id, at, actor, remote_address, action, target, detail FROM audit_log
            WHERE LOWER(actor) LIKE ? ESCAPE '!' AND LOWER(action) LIKE ? ESCAPE '!' AND LOWER(target) LIKE ? ESCAPE '!'
            ORDER BY id DESC FETCH FIRST ? ROWS ONLY""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(APPEND, RECENT, RECENT_MATCHING);
}
