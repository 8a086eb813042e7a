package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Helidon DbClient built from configuration finds its connection pool through {@link HikariPoolProvider}, registered
 * in {@code META-INF/services} (Helidon 4.5.0 ships none and fails with "No JDBC connection pool provider").
 */
class HikariPoolProviderTest {

    @Test
    void dbClientFromConfig_h2Url_poolFromProviderRunsStatement() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "source", "jdbc",
                "connection.url", "jdbc:h2:mem:provider-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "connection.username", "sa",
                "connection.max-pool-size", "2")));

        try (DbClient db = DbClient.create(config)) {
            long answer = db.execute().get("SELECT 6 * 7").map(r -> Sql.longValue(r, 1)).orElseThrow();

            assertThat(answer).isEqualTo(42);
            assertThat(db.dbType()).isEqualTo("jdbc:h2");
        }
    }
}
