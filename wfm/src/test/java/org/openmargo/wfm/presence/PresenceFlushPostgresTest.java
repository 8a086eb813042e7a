package org.openmargo.wfm.presence;

import java.nio.file.Path;

import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.store.TestDatabase;

class PresenceFlushPostgresTest extends PresenceFlushContract {
    private String schema;

    @Override
    DatabaseSettings database(Path dir) {
        schema = TestDatabase.createPostgresSchema();
        return new DatabaseSettings(TestDatabase.postgresUrl(schema), TestDatabase.POSTGRES_USER, "", 5);
    }

    @Override
    void dropDatabase() {
        TestDatabase.dropPostgresSchema(schema);
    }
}
