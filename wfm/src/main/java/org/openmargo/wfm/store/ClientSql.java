package org.openmargo.wfm.store;

/** The statements of {@link JdbcClientRegistry}. */
final class ClientSql {
    private ClientSql() {
    }

    /** Sets a standing; updated_at moves only when the standing changes. */
    static final String SET_STANDING = """
            MERGE INTO client_policy p
            USING (VALUES (?, ?, CAST(? AS TIMESTAMP))) AS s (client_id, standing, updated_at)
            ON p.client_id = s.client_id
            WHEN MATCHED AND p.standing <> s.standing THEN UPDATE SET standing = s.standing, updated_at = s.updated_at
            WHEN NOT MATCHED THEN INSERT (client_id, standing, updated_at)
                VALUES (s.client_id, s.standing, s.updated_at)""";

    static final String ENTRIES = "SELECT client_id, standing, updated_at FROM client_policy";
}
