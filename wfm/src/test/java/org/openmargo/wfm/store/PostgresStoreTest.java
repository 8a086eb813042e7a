package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every store contract on the local PostgreSQL 15, in a schema of this run's own that is dropped afterwards. */
class PostgresStoreTest extends StoreSuite {
    static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    TestDatabase database() {
        return db;
    }

    @Test
    void open_twiceOnSameSchema_migratesIntoThatSchemaOnceAndKeepsData() throws SQLException {
        String schema = TestDatabase.createPostgresSchema();
        try {
            DatabaseSettings settings = TestDatabase.postgresSettings(schema);
            try (Database first = Database.open(settings)) {
                first.clients().accept("client-1");
            }

            try (Database second = Database.open(settings)) {
                assertThat(second.clients().entries()).extracting(e -> e.clientId()).containsExactly("client-1");
            }
            assertThat(tablesIn(schema)).containsExactly("app_version", "audit_log", "bundle", "ca_anchor",
                    "ca_bundle", "client_label", "client_policy", "client_presence", "cluster_lease", "deployment",
                    "deployment_component", "deployment_status", "deployment_status_change", "deployment_yaml",
                    "device", "enrollment_tokens",
                    "fleet_intent", "fleet_member", "flyway_schema_history", "manifest", "mis_tls_root", "rollout",
                    "rollout_device");
        } finally {
            TestDatabase.dropPostgresSchema(schema);
        }
    }

    private static List<String> tablesIn(String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }
}
