package org.openmargo.wfm.fleet;

import java.nio.file.Path;

import org.openmargo.wfm.store.TestDatabase;

class FleetFlowPostgresTest extends FleetFlowContract {
    private String schema;

    @Override
    String[] database(Path dir) {
        schema = TestDatabase.createPostgresSchema();
        return new String[] {TestDatabase.postgresUrl(schema), TestDatabase.POSTGRES_USER, ""};
    }

    @Override
    void dropDatabase() {
        TestDatabase.dropPostgresSchema(schema);
    }
}
