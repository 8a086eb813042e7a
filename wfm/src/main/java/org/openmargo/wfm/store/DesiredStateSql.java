package org.openmargo.wfm.store;

/**
 * The statements of {@link JdbcDesiredStateStore}; every one is scoped by client id. Parameters inside a MERGE
 * {@code VALUES} list carry a CAST where the type matters: H2 types an untyped derived-table column as text and would
 * turn binary bytes into UTF-8 text (replacing invalid sequences) before storing them.
 */
final class DesiredStateSql {
    private DesiredStateSql() {
    }

    static final String MANIFEST = "SELECT version, body, etag FROM manifest WHERE client_id = ?";

    static final String CREATE_MANIFEST_IF_ABSENT = """
            MERGE INTO manifest m
            USING (VALUES (?, CAST(? AS BIGINT), CAST(? AS BYTEA), ?)) AS s (client_id, version, body, etag)
            ON m.client_id = s.client_id
            WHEN NOT MATCHED THEN INSERT (client_id, version, body, etag)
                VALUES (s.client_id, s.version, s.body, s.etag)""";

    static final String LOCK_MANIFEST = "SELECT version FROM manifest WHERE client_id = ? FOR UPDATE";

    static final String UPDATE_MANIFEST = "UPDATE manifest SET version = ?, body = ?, etag = ? WHERE client_id = ?";

    static final String DEPLOYMENT_STATE = """
            SELECT digest, removed_in_version FROM deployment WHERE client_id = ? AND deployment_id = ?""";

    static final String CREATE_YAML_IF_ABSENT = """
            MERGE INTO deployment_yaml y
            USING (VALUES (?, ?, ?, CAST(? AS BYTEA))) AS s (client_id, deployment_id, digest, body)
            ON y.client_id = s.client_id AND y.deployment_id = s.deployment_id AND y.digest = s.digest
            WHEN NOT MATCHED THEN INSERT (client_id, deployment_id, digest, body)
                VALUES (s.client_id, s.deployment_id, s.digest, s.body)""";

    static final String INSERT_DEPLOYMENT = """
            INSERT INTO deployment (device_id, name, digest, size_bytes, since_version, client_id, deployment_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    static final String REPLACE_DEPLOYMENT = """
            UPDATE deployment
            SET device_id = ?, name = ?, digest = ?, size_bytes = ?, since_version = ?, removed_in_version = NULL
            WHERE client_id = ? AND deployment_id = ?""";

    static final String DELETE_COMPONENTS = "DELETE FROM deployment_component WHERE client_id = ? AND deployment_id = ?";

    static final String INSERT_COMPONENT = """
            INSERT INTO deployment_component (client_id, deployment_id, component_index, name) VALUES (?, ?, ?, ?)""";

    static final String MARK_REMOVED = """
            UPDATE deployment SET removed_in_version = ? WHERE client_id = ? AND deployment_id = ?""";

    static final String CURRENT_YAMLS = """
            SELECT d.deployment_id, d.digest, y.body
            FROM deployment d
            JOIN deployment_yaml y
              ON y.client_id = d.client_id AND y.deployment_id = d.deployment_id AND y.digest = d.digest
            WHERE d.client_id = ? AND d.removed_in_version IS NULL""";

    static final String CREATE_BUNDLE_IF_ABSENT = """
            MERGE INTO bundle b
            USING (VALUES (?, ?, CAST(? AS BYTEA))) AS s (client_id, digest, body)
            ON b.client_id = s.client_id AND b.digest = s.digest
            WHEN NOT MATCHED THEN INSERT (client_id, digest, body) VALUES (s.client_id, s.digest, s.body)""";

    static final String YAML = """
            SELECT body FROM deployment_yaml WHERE client_id = ? AND deployment_id = ? AND digest = ?""";

    static final String BUNDLE = "SELECT body FROM bundle WHERE client_id = ? AND digest = ?";

    static final String DEPLOYMENTS = """
            SELECT deployment_id, device_id, name, digest, since_version, removed_in_version
            FROM deployment WHERE client_id = ?""";

    static final String COMPONENTS = """
            SELECT deployment_id, component_index, name FROM deployment_component WHERE client_id = ?""";

    static final String CLIENTS = "SELECT client_id FROM manifest";
}
