package org.openmargo.wfm.store;

/**
 * The statements of {@link JdbcDesiredStateStore}; every one is scoped by client id. Parameters inside a MERGE
 * {@code VALUES} list carry a CAST where the type matters: H2 types an untyped derived-table column as text and would
 * turn binary bytes into UTF-8 text (replacing invalid sequences) before storing them.
 */
final class DesiredStateSql {
    private DesiredStateSql() {
    }

    /** PostgreSQL only: queues a notification, delivered when the transaction commits. */
    static final Named NOTIFY = Named.of("desired-state.notify", """
            SELECT pg_notify(?, ?)""");

    static final Named MANIFEST = Named.of("desired-state.manifest", """
            SELECT version, body, etag FROM manifest WHERE client_id = ?""");

    static final Named CREATE_MANIFEST_IF_ABSENT = Named.of("desired-state.create-manifest-if-absent", """
            MERGE INTO manifest m
            USING (VALUES (?, CAST(? AS BIGINT), CAST(? AS BYTEA), ?)) AS s (client_id, version, body, etag)
            ON m.client_id = s.client_id
            WHEN NOT MATCHED THEN INSERT (client_id, version, body, etag)
                VALUES (s.client_id, s.version, s.body, s.etag)""");

    static final Named LOCK_MANIFEST = Named.of("desired-state.lock-manifest", """
            SELECT version FROM manifest WHERE client_id = ? FOR UPDATE""");

    static final Named UPDATE_MANIFEST = Named.of("desired-state.update-manifest", """
            UPDATE manifest SET version = ?, body = ?, etag = ? WHERE client_id = ?""");

    static final Named DEPLOYMENT_STATE = Named.of("desired-state.deployment-state", """
            SELECT digest, removed_in_version FROM deployment WHERE client_id = ? AND deployment_id = ?""");

    static final Named CREATE_YAML_IF_ABSENT = Named.of("desired-state.create-yaml-if-absent", """
            MERGE INTO deployment_yaml y
            USING (VALUES (?, ?, ?, CAST(? AS BYTEA))) AS s (client_id, deployment_id, digest, body)
            ON y.client_id = s.client_id AND y.deployment_id = s.deployment_id AND y.digest = s.digest
            WHEN NOT MATCHED THEN INSERT (client_id, deployment_id, digest, body)
                VALUES (s.client_id, s.deployment_id, s.digest, s.body)""");

    static final Named INSERT_DEPLOYMENT = Named.of("desired-state.insert-deployment", """
            INSERT INTO deployment (device_id, name, digest, size_bytes, since_version, client_id, deployment_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""");

    static final Named REPLACE_DEPLOYMENT = Named.of("desired-state.replace-deployment", """
            UPDATE deployment
            SET device_id = ?, name = ?, digest = ?, size_bytes = ?, since_version = ?, removed_in_version = NULL
            WHERE client_id = ? AND deployment_id = ?""");

    static final Named DELETE_COMPONENTS = Named.of("desired-state.delete-components", """
            DELETE FROM deployment_component WHERE client_id = ? AND deployment_id = ?""");

    static final Named INSERT_COMPONENT = Named.of("desired-state.insert-component", """
            INSERT INTO deployment_component (client_id, deployment_id, component_index, name) VALUES (?, ?, ?, ?)""");

    static final Named MARK_REMOVED = Named.of("desired-state.mark-removed", """
            UPDATE deployment SET removed_in_version = ? WHERE client_id = ? AND deployment_id = ?""");

    static final Named CURRENT_YAMLS = Named.of("desired-state.current-yamls", """
            SELECT d.deployment_id, d.digest, y.body
            FROM deployment d
            JOIN deployment_yaml y
              ON y.client_id = d.client_id AND y.deployment_id = d.deployment_id AND y.digest = d.digest
            WHERE d.client_id = ? AND d.removed_in_version IS NULL""");

    static final Named CREATE_BUNDLE_IF_ABSENT = Named.of("desired-state.create-bundle-if-absent", """
            MERGE INTO bundle b
            USING (VALUES (?, ?, CAST(? AS BYTEA))) AS s (client_id, digest, body)
            ON b.client_id = s.client_id AND b.digest = s.digest
            WHEN NOT MATCHED THEN INSERT (client_id, digest, body) VALUES (s.client_id, s.digest, s.body)""");

    static final Named YAML = Named.of("desired-state.yaml", """
            SELECT body FROM deployment_yaml WHERE client_id = ? AND deployment_id = ? AND digest = ?""");

    static final Named BUNDLE = Named.of("desired-state.bundle", """
            SELECT body FROM bundle WHERE client_id = ? AND digest = ?""");

    static final Named DEPLOYMENTS = Named.of("desired-state.deployments", """
            SELECT deployment_id, device_id, name, digest, since_version, removed_in_version
            FROM deployment WHERE client_id = ?""");

    static final Named COMPONENTS = Named.of("desired-state.components", """
            SELECT deployment_id, component_index, name FROM deployment_component WHERE client_id = ?""");

    static final Named CLIENTS = Named.of("desired-state.clients", "SELECT client_id FROM manifest");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(
            MANIFEST, CREATE_MANIFEST_IF_ABSENT, LOCK_MANIFEST, UPDATE_MANIFEST, DEPLOYMENT_STATE,
            CREATE_YAML_IF_ABSENT, INSERT_DEPLOYMENT, REPLACE_DEPLOYMENT, DELETE_COMPONENTS, INSERT_COMPONENT,
            MARK_REMOVED, CURRENT_YAMLS, CREATE_BUNDLE_IF_ABSENT, YAML, BUNDLE, DEPLOYMENTS, COMPONENTS, CLIENTS, NOTIFY);
}
