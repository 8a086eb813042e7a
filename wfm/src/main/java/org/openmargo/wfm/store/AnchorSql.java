package org.openmargo.wfm.store;

/** The statements of {@link JdbcAnchorStore}. */
final class AnchorSql {
    private AnchorSql() {
    }

    /**
     * Every anchor with the sequence on each row: one statement, so a reader never pairs the sequence of one rotation
     * step with the anchors of another (another instance may rotate between two statements).
     */
    static final String ANCHORS = """
            SELECT a.anchor_id, a.state, a.algorithm, a.chain, a.encrypted_key, a.not_before, a.not_after,
                a.created_at, b.sequence
            FROM ca_anchor a CROSS JOIN ca_bundle b WHERE b.singleton = 1 ORDER BY a.ordinal""";

    /** The sequence and the active anchor's id (NULL when none), polled by every instance. */
    static final String REVISION = """
            SELECT b.sequence, a.anchor_id FROM ca_bundle b LEFT JOIN ca_anchor a ON a.state = ?
            WHERE b.singleton = 1""";

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
