package org.openmargo.wfm.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.config.Config;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import io.helidon.dbclient.jdbc.spi.JdbcConnectionPoolProvider;

/**
 * HikariCP as Helidon DbClient's JDBC connection pool, for clients built from configuration
 * ({@code DbClient.create(config)} with a {@code connection} node holding {@code url}, {@code username},
 * {@code password} and optionally {@code max-pool-size}). Helidon 4.5.0 ships no pool provider of its own;
 * {@link Database} builds its pool directly and passes it to the client.
 */
public final class HikariPoolProvider implements JdbcConnectionPoolProvider {
    /** The type name of this provider. */
    static final String TYPE = "hikari";

    /** Required by {@link java.util.ServiceLoader}. */
    public HikariPoolProvider() {
    }

    @Override
    public String configKey() {
        return TYPE;
    }

    @Override
    public JdbcConnectionPool create(Config config, String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        String url = config.get("url").asString().get();
        hikari.setJdbcUrl(url);
        config.get("username").asString().ifPresent(hikari::setUsername);
        config.get("password").asString().ifPresent(hikari::setPassword);
        config.get("max-pool-size").asInt().ifPresent(hikari::setMaximumPoolSize);
        return DataSourcePool.of(new HikariDataSource(hikari), url);
    }
}
