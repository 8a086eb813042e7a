package org.openmargo.wfm.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import org.openmargo.wfm.testclock.MutableClock;

/**
 * A database for one test class, on H2 or on the local PostgreSQL in a schema of its own, removed on close. The
 * schema helpers are public for tests that start real servers on PostgreSQL.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    final DatabaseSettings settings;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-05T10:15:30.123456789Z"));
    final Database database;
    private final String schema;

    private TestDatabase(DatabaseSettings settings, String schema) {
        this.settings = settings;
        this.schema = schema;
        this.database = Database.open(settings, clock);
    }

    static DatabaseSettings h2Settings(Path dir) {
        return new DatabaseSettings("jdbc:h2:file:" + dir.resolve("wfm") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa", "", 10);
    }

    static TestDatabase h2(Path dir) {
        return new TestDatabase(h2Settings(dir), null);
    }

    /**
     * A fresh schema {@code t_<random>}; Flyway migrates into it because it is the connection's current schema, which
     * {@link #postgresUrl} selects.
     */
    public static String createPostgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        postgres("CREATE SCHEMA " + schema);
        return schema;
    }

    /** The JDBC URL whose connections work in {@code schema}. */
    public static String postgresUrl(String schema) {
        return POSTGRES_URL + "?currentSchema=" + schema;
    }

    static DatabaseSettings postgresSettings(String schema) {
        return new DatabaseSettings(postgresUrl(schema), POSTGRES_USER, "", 10);
    }

    static TestDatabase postgres() {
        String schema = createPostgresSchema();
        return new TestDatabase(postgresSettings(schema), schema);
    }

    public static void dropPostgresSchema(String schema) {
        postgres("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void postgres(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is needed: " + e.getMessage(), e);
        }
    }

    /** Every column of every row a query returns, as text, read on a connection of its own (not the store's). */
    java.util.List<String> rawCells(String sql) {
        java.util.List<String> cells = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    cells.add(String.valueOf(r.getObject(i)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return cells;
    }

    @Override
    public void close() {
        database.close();
        if (schema != null) {
            dropPostgresSchema(schema);
        }
    }
}
