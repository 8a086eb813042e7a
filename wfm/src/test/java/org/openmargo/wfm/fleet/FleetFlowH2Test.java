package org.openmargo.wfm.fleet;

import java.nio.file.Path;

class FleetFlowH2Test extends FleetFlowContract {
    @Override
    String[] database(Path dir) {
        return new String[] {"jdbc:h2:file:" + dir.resolve("wfm") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa",
                ""};
    }

    @Override
    void dropDatabase() {
        // the directory goes with the test
    }
}
