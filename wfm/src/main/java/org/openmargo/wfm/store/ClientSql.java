package org.openmargo.wfm.store;

/** The statements of {@link JdbcClientRegistry}. */
final class ClientSql {
    private ClientSql() {
    }

    /** Sets a standing; updated_at moves only when the standing changes. */
    static final Named SET_STANDING = Named.of("client.set-standing", """
            MERGE INTO client_policy p
            USING (VALUES (?, ?, CAST(? AS TIMESTAMP))) AS s (client_id, standing, updated_at)
            ON p.client_id = s.client_id
            WHEN MATCHED AND p.standing <> s.standing THEN UPDATE SET standing = s.standing, updated_at = s.updated_at
            WHEN NOT MATCHED THEN INSERT (client_id, standing, updated_at)
                VALUES (s.client_id, s.standing, s.updated_at)""");

    static final Named ENTRIES = Named.of("client.entries", """
            SELECT client_id, standing, updated_at FROM client_policy""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(SET_STANDING, ENTRIES);
}
