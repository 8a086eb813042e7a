package org.openmargo.wfm.presence;

import java.nio.file.Path;

import org.openmargo.wfm.store.DatabaseSettings;

class PresenceFlushH2Test extends PresenceFlushContract {
    @Override
    DatabaseSettings database(Path dir) {
        // AUTO_SERVER: the two pools of the test are two "instances" on one file database.
        return new DatabaseSettings("jdbc:h2:file:" + dir.resolve("wfm")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", "", 5);
    }

    @Override
    void dropDatabase() {
    }
}
