package org.openmargo.wfm.store;

/** The statements of {@link JdbcStatusStore}; every one is scoped by client id. */
final class StatusSql {
    private StatusSql() {
    }

    /** Serializes reports about one deployment; a desired-state change of it waits for the report, not the client. */
    static final Named LOCK_DEPLOYMENT = Named.of("status.lock-deployment", """
            SELECT since_version FROM deployment WHERE client_id = ? AND deployment_id = ? FOR UPDATE""");

    static final Named COMPONENT_NAMES = Named.of("status.component-names", """
            SELECT name FROM deployment_component WHERE client_id = ? AND deployment_id = ?""");

    static final Named MANIFEST_VERSION = Named.of("status.manifest-version", """
            SELECT version FROM manifest WHERE client_id = ?""");

    static final Named STORED_VERSION = Named.of("status.stored-version", """
            SELECT adopted_version FROM deployment_status WHERE client_id = ? AND deployment_id = ?""");

    static final Named INSERT = Named.of("status.insert", """
            INSERT INTO deployment_status (adopted_version, state, body, received_at, client_id, deployment_id)
            VALUES (?, ?, ?, ?, ?, ?)""");

    static final Named REPLACE = Named.of("status.replace", """
            UPDATE deployment_status SET adopted_version = ?, state = ?, body = ?, received_at = ?
            WHERE client_id = ? AND deployment_id = ?""");

    static final Named LATEST = Named.of("status.latest", """
            SELECT deployment_id, adopted_version, state, body, received_at
            FROM deployment_status WHERE client_id = ?""");

    static final Named CHANGES = Named.of("status.changes", """
            SELECT seq, adopted_version, state, components, received_at FROM deployment_status_change
            WHERE client_id = ? AND deployment_id = ? ORDER BY seq DESC FETCH FIRST ? ROWS ONLY""");

    static final Named APPEND_CHANGE = Named.of("status.append-change", """
            INSERT INTO deployment_status_change
                (seq, adopted_version, state, components, received_at, client_id, deployment_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""");

    static final Named PRUNE_CHANGES = Named.of("status.prune-changes", """
            DELETE FROM deployment_status_change WHERE client_id = ? AND deployment_id = ? AND seq < ?""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(
            LOCK_DEPLOYMENT, COMPONENT_NAMES, MANIFEST_VERSION, STORED_VERSION, INSERT, REPLACE, LATEST,
            CHANGES, APPEND_CHANGE, PRUNE_CHANGES);
}
