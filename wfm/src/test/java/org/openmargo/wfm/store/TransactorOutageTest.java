package org.openmargo.wfm.store;

import org.openmargo.wfm.problem.StoreException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that cannot be reached is an outage ({@link StoreException#outage()}), with the real drivers refused on
 * a loopback port where nothing listens.
 */
class TransactorOutageTest {

    /** A loopback port that was free a moment ago: connecting to it is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void read_postgresqlRefusesConnection_outage() throws IOException {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:" + closedPort() + "/test");
        unreachable.setUser(TestDatabase.POSTGRES_USER);
        Transactor tx = new Transactor(Database.client(DataSourcePool.of(unreachable, unreachable.getURL())));

        assertThatThrownBy(() -> tx.read("listing devices", s -> s.sortedStrings(DeviceSql.CLIENTS)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.outage()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("listing devices failed");
                });
    }

    @Test
    void write_h2ServerRefusesConnection_outage() throws IOException {
        JdbcDataSource unreachable = new JdbcDataSource();
        unreachable.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/wfm;MODE=PostgreSQL");
        Transactor tx = new Transactor(Database.client(DataSourcePool.of(unreachable, unreachable.getURL())));

        assertThatThrownBy(() -> tx.write("storing device capabilities", s -> s.sortedStrings(DeviceSql.CLIENTS)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.outage()).isTrue());
    }
}
