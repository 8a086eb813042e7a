package org.openmargo.wfm.store;

import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connections of a {@link DataSource} (in the product a HikariCP pool) as Helidon DbClient's connection pool.
 * A connection that cannot be had fails with a {@link DbClientException} whose cause is the driver's
 * {@link SQLException}, so that {@code StoreException} can tell an outage from a refusal.
 *
 * @param dataSource where connections come from
 * @param dbType     DbClient's database type name, for example {@code jdbc:h2} or {@code jdbc:postgresql}
 */
record DataSourcePool(DataSource dataSource, String dbType) implements JdbcConnectionPool {

    /** A pool over {@code dataSource} whose type is read from the JDBC URL. */
    static DataSourcePool of(DataSource dataSource, String url) {
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return new DataSourcePool(dataSource, second < 0 ? DEFAULT_DB_TYPE : url.substring(0, second));
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no database connection", e);
        }
    }

    @Override
    public String name() {
        return "wfm-store";
    }

    @Override
    public String type() {
        return HikariPoolProvider.TYPE;
    }
}
