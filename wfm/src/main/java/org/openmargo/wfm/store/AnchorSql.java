package org.openmargo.wfm.store;

/** The statements of {@link JdbcAnchorStore}. */
final class AnchorSql {
    private AnchorSql() {
    }

    /**
     * Every anchor with the sequence on each row: one statement, so a reader never pairs the sequence of one rotation
     * step with the anchors of another (another instance may rotate between two statements).
     */
    static final Named ANCHORS = Named.of("anchor.anchors", """
            SELECT a.anchor_id, a.state, a.algorithm, a.chain, a.encrypted_key, a.not_before, a.not_after,
                a.created_at, b.sequence
            FROM ca_anchor a CROSS JOIN ca_bundle b WHERE b.singleton = 1 ORDER BY a.ordinal""");

    /** The sequence and the active anchor's id (NULL when none), polled by every instance. */
    static final Named REVISION = Named.of("anchor.revision", """
            SELECT b.sequence, a.anchor_id FROM ca_bundle b LEFT JOIN ca_anchor a ON a.state = ?
            WHERE b.singleton = 1""");

    /** Taken first by every change: serialises CA changes across WFM instances sharing the database. */
    static final Named LOCK = Named.of("anchor.lock", "SELECT sequence FROM ca_bundle WHERE singleton = 1 FOR UPDATE");

    static final Named INSERT_BUNDLE = Named.of("anchor.insert-bundle", """
            INSERT INTO ca_bundle (singleton, sequence, updated_at) VALUES (1, 1, ?)""");

    static final Named NEXT_SEQUENCE = Named.of("anchor.next-sequence", """
            UPDATE ca_bundle SET sequence = sequence + 1, updated_at = ? WHERE singleton = 1""");

    static final Named INSERT_ANCHOR = Named.of("anchor.insert-anchor", """
            INSERT INTO ca_anchor (anchor_id, ordinal, state, algorithm, chain, encrypted_key, not_before, not_after,
                created_at, state_changed_at)
            VALUES (?, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM ca_anchor), ?, ?, ?, ?, ?, ?, ?, ?)""");

    static final Named COUNT_IN_STATE = Named.of("anchor.count-in-state", """
            SELECT COUNT(*) FROM ca_anchor WHERE state = ?""");

    static final Named MOVE_STATE = Named.of("anchor.move-state", """
            UPDATE ca_anchor SET state = ?, state_changed_at = ? WHERE state = ?""");

    static final Named TLS_ROOT = Named.of("anchor.tls-root", """
            SELECT certificate, encrypted_key FROM mis_tls_root WHERE singleton = 1""");

    static final Named INSERT_TLS_ROOT = Named.of("anchor.insert-tls-root", """
            INSERT INTO mis_tls_root (singleton, certificate, encrypted_key, created_at) VALUES (1, ?, ?, ?)""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(
            ANCHORS, REVISION, LOCK, INSERT_BUNDLE, NEXT_SEQUENCE, INSERT_ANCHOR, COUNT_IN_STATE, MOVE_STATE, TLS_ROOT,
            INSERT_TLS_ROOT);
}
