package org.openmargo.wfm.store;

/** The statements of {@link JdbcAnchorStore}. */
final class AnchorSql {
    private AnchorSql() {
    }

    static final String ANCHORS = """
            SELECT anchor_id, state, algorithm, chain, encrypted_key, not_before, not_after, created_at
            FROM ca_anchor ORDER BY ordinal""";

    static final String SEQUENCE = "SELECT sequence FROM ca_bundle WHERE singleton = 1";

    /** Taken first by every change: serialises CA changes across WFM instances sharing the database. */
    static final String LOCK = "SELECT sequence FROM ca_bundle WHERE singleton = 1 FOR UPDATE";

    static final String INSERT_BUNDLE = "INSERT INTO ca_bundle (singleton, sequence, updated_at) VALUES (1, 1, ?)";

    static final String NEXT_SEQUENCE = "UPDATE ca_bundle SET sequence = sequence + 1, updated_at = ? WHERE singleton = 1";

    static final String INSERT_ANCHOR = """
            INSERT INTO ca_anchor (anchor_id, ordinal, state, algorithm, chain, encrypted_key, not_before, not_after,
                created_at, state_changed_at)
            VALUES (?, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM ca_anchor), ?, ?, ?, ?, ?, ?, ?, ?)""";

    static final String COUNT_IN_STATE = "SELECT COUNT(*) FROM ca_anchor WHERE state = ?";

    static final String MOVE_STATE = "UPDATE ca_anchor SET state = ?, state_changed_at = ? WHERE state = ?";

    static final String TLS_ROOT = "SELECT certificate, encrypted_key FROM mis_tls_root WHERE singleton = 1";

    static final String INSERT_TLS_ROOT = """
            INSERT INTO mis_tls_root (singleton, certificate, encrypted_key, created_at) VALUES (1, ?, ?, ?)""";
}
