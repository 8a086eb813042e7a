package org.openmargo.wfm.store;

/** The statements of {@link JdbcStatusStore}; every one is scoped by client id. */
final class StatusSql {
    private StatusSql() {
    }

    /** Serializes reports about one deployment; a desired-state change of it waits for the report, not the client. */
    static final String LOCK_DEPLOYMENT = """
            SELECT since_version FROM deployment WHERE client_id = ? AND deployment_id = ? FOR UPDATE""";

    static final String COMPONENT_NAMES = """
            SELECT name FROM deployment_component WHERE client_id = ? AND deployment_id = ?""";

    static final String MANIFEST_VERSION = "SELECT version FROM manifest WHERE client_id = ?";

    static final String STORED_VERSION = """
            SELECT adopted_version FROM deployment_status WHERE client_id = ? AND deployment_id = ?""";

    static final String INSERT = """
            INSERT INTO deployment_status (adopted_version, state, body, received_at, client_id, deployment_id)
            VALUES (?, ?, ?, ?, ?, ?)""";

    static final String REPLACE = """
            UPDATE deployment_status SET adopted_version = ?, state = ?, body = ?, received_at = ?
            WHERE client_id = ? AND deployment_id = ?""";

    static final String LATEST = """
            SELECT deployment_id, adopted_version, state, body, received_at
            FROM deployment_status WHERE client_id = ?""";
}
