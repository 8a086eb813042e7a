package org.openmargo.wfm.store;

/** The statements of {@link JdbcAuditStore}. */
final class AuditSql {
    private AuditSql() {
    }

    static final String APPEND = """
            INSERT INTO audit_log (at, actor, remote_address, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)""";

    /** The id is the append order; {@code at} may repeat within a clock tick. */
    static final String RECENT = """
            SELECT id, at, actor, remote_address, action, target, detail FROM audit_log ORDER BY id DESC
            FETCH FIRST ? ROWS ONLY""";
}
