package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract on an H2 file database in PostgreSQL mode. */
class H2StoreTest extends StoreSuite {
    @TempDir
    static Path dir;
    static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2(dir.resolve("shared"));
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
    void open_twiceOnSameFile_migratesOnceAndKeepsData() {
        DatabaseSettings settings = TestDatabase.h2Settings(dir.resolve("reopen"));
        try (Database first = Database.open(settings)) {
            first.clients().accept("client-1");
        }

        try (Database second = Database.open(settings)) {
            assertThat(second.clients().entries()).extracting(e -> e.clientId()).containsExactly("client-1");
        }
    }
}
