package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every store contract on the local PostgreSQL 15, in a schema of this run's own that is dropped afterwards. */
class PostgresStoreTest {
    static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Nested
    class DesiredState extends DesiredStateStoreContract {
        @Override
        TestDatabase db() {
            return db;
        }
    }

    @Nested
    class DesiredStateConcurrency extends DesiredStateConcurrencyContract {
        @Override
        TestDatabase db() {
            return db;
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        TestDatabase db() {
            return db;
        }
    }

    @Nested
    class Statuses extends StatusStoreContract {
        @Override
        TestDatabase db() {
            return db;
        }
    }

    @Nested
    class Clients extends ClientRegistryContract {
        @Override
        TestDatabase db() {
            return db;
        }
    }

    @Test
    void open_twiceOnSameSchema_migratesOnceAndKeepsData() {
        String schema = TestDatabase.createPostgresSchema();
        try {
            DatabaseSettings settings = TestDatabase.postgresSettings(schema);
            try (Database first = Database.open(settings)) {
                first.clients().accept("client-1");
            }

            try (Database second = Database.open(settings)) {
                assertThat(second.clients().entries()).extracting(e -> e.clientId()).containsExactly("client-1");
            }
        } finally {
            TestDatabase.dropPostgresSchema(schema);
        }
    }
}
