package org.openmargo.wfm.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.coherence.ChangeChannel;
import org.flywaydb.core.Flyway;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.audit.AuditStore;
import org.openmargo.wfm.ca.AnchorService;
import org.openmargo.wfm.ca.AnchorStore;
import org.openmargo.wfm.catalogue.CatalogueService;
import org.openmargo.wfm.desiredstate.DesiredStateService;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.device.DeviceService;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.enrollment.EnrollmentTokenStore;
import org.openmargo.wfm.identity.ClientRegistry;
import org.openmargo.wfm.lease.ClusterLock;
import org.openmargo.wfm.status.StatusService;
import org.openmargo.wfm.status.StatusStore;
import org.openmargo.wfm.transaction.Transactions;

/**
 * The WFM database: a HikariCP connection pool, the schema brought up to date by Flyway at open (the only owner of
 * the schema), and the stores over it, which run named statements through Helidon DbClient.
 * Works on PostgreSQL 15 and on H2 2.4 in PostgreSQL mode. The stores are thread safe and stay valid until
 * {@link #close()}.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Transactor tx;
    private final DesiredStateStore desiredState;
    private final DeviceStore devices;
    private final StatusStore statuses;
    private final ClientRegistry clients;
    private final EnrollmentTokenStore enrollmentTokens;
    private final AuditStore audit;
    private final AnchorStore anchors;
    private final Optional<ChangeChannel> changeChannel;
    private final Clock clock;
    private final JdbcLeaseStore leases;
    private final CatalogueService catalogue;
    private final org.openmargo.wfm.fleet.FleetRows fleet;
    private final org.openmargo.wfm.rollout.RolloutRows rollouts;
    private final org.openmargo.wfm.presence.PresenceRows presence;

    private Database(HikariDataSource dataSource, String url, Clock clock) {
        this.dataSource = dataSource;
        this.tx = new Transactor(client(DataSourcePool.of(dataSource, url)));
        this.changeChannel = changeChannel(dataSource, url);
        this.clock = clock;
        this.leases = new JdbcLeaseStore(tx);
        this.desiredState = new DesiredStateService(tx, new JdbcDesiredStateStore(tx,
                changeChannel.map(ChangeChannel::name)));
        this.devices = new DeviceService(tx, new JdbcDeviceStore(tx, clock));
        this.statuses = new StatusService(tx, new JdbcStatusStore(tx, clock));
        this.clients = new JdbcClientRegistry(tx, clock);
        this.enrollmentTokens = new JdbcEnrollmentTokenStore(tx);
        this.audit = new JdbcAuditStore(tx);
        this.anchors = new AnchorService(tx, new JdbcAnchorStore(tx, clock));
        this.catalogue = new CatalogueService(tx, new JdbcCatalogueStore(tx), clock);
        this.fleet = new JdbcFleetStore(tx, clock);
        this.rollouts = new JdbcRolloutStore(tx);
        this.presence = new JdbcPresenceStore(tx);
    }

    /** Opens the database with the system UTC clock; see {@link #open(DatabaseSettings, Clock)}. */
    public static Database open(DatabaseSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Opens the pool and migrates the schema (the migrations under {@code db/migration}; already applied ones are
     * skipped, so opening twice is harmless).
     *
     * @param clock the source of {@code updatedAt} and {@code receivedAt} times
     * @throws StoreException when the database cannot be reached or the migration fails; nothing stays open then
     */
    public static Database open(DatabaseSettings settings, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("wfm-store");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw StoreException.outage("opening the connection pool failed", e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw StoreException.outage("migrating the schema failed", e);
        }
        return new Database(dataSource, settings.url(), clock);
    }

    /** A DbClient over {@code pool} that knows every named statement of the stores. */
    static DbClient client(JdbcConnectionPool pool) {
        return JdbcClientBuilder.create()
                .connectionPool(pool)
                .statements(Named.statements(List.of(AnchorSql.ALL, AuditSql.ALL, CatalogueSql.ALL, ClientSql.ALL,
                        DesiredStateSql.ALL, DeviceSql.ALL, EnrollmentSql.ALL, LeaseSql.ALL, StatusSql.ALL,
                        FleetSql.ALL, RolloutSql.ALL_STATEMENTS, PresenceSql.ALL)))
                .build();
    }

    /**
     * The channel on which desired-state changes are announced to the other instances sharing this schema: present on
     * PostgreSQL (derived from the connection's current schema), empty on H2, whose instance is alone.
     */
    public Optional<ChangeChannel> changeChannel() {
        return changeChannel;
    }

    private static Optional<ChangeChannel> changeChannel(HikariDataSource dataSource, String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_schema()")) {
            r.next();
            return Optional.of(ChangeChannel.forSchema(r.getString(1)));
        } catch (SQLException e) {
            dataSource.close();
            throw StoreException.outage("reading the current schema failed", e);
        }
    }

    /** The transaction callback the domain services run in; store calls on the same thread join it. */
    public Transactions transactions() {
        return tx;
    }

    /** The transactor itself, for tests that count transactions. */
    Transactor transactor() {
        return tx;
    }

    /** Deployments, manifests, YAML and bundle blobs: the domain rules over the rows, each change one transaction. */
    public DesiredStateStore desiredState() {
        return desiredState;
    }

    /** Devices and their capabilities. */
    public DeviceStore devices() {
        return devices;
    }

    /** Latest deployment status reports. */
    public StatusStore statuses() {
        return statuses;
    }

    /** The accepted-client policy. */
    public ClientRegistry clients() {
        return clients;
    }

    /** One-time enrollment tokens (hashes only). */
    public EnrollmentTokenStore enrollmentTokens() {
        return enrollmentTokens;
    }

    /** The operator audit log. */
    public AuditStore audit() {
        return audit;
    }

    /** The certificate authority's anchors, bundle sequence and MIS TLS root. */
    public AnchorStore anchors() {
        return anchors;
    }

    /**
     * Leases of cluster-wide background work, held in this database's {@code cluster_lease} table under the name
     * {@code holder}; see {@link ClusterLock}.
     */
    public ClusterLock clusterLock(String holder) {
        return new ClusterLock(tx, leases, clock, holder);
    }

    /**
     * The application catalogue (table {@code app_version}): {@link org.openmargo.wfm.catalogue.Catalogue} for the
     * fleet layer and {@link org.openmargo.wfm.catalogue.Applications} for operators.
     */
    public CatalogueService catalogue() {
        return catalogue;
    }

    /** Fleet deployments, their members and client labels (rows; the rules are in {@code fleet}). */
    public org.openmargo.wfm.fleet.FleetRows fleet() {
        return fleet;
    }

    /** Rollouts and their devices (rows; the rules are in {@code rollout}). */
    public org.openmargo.wfm.rollout.RolloutRows rollouts() {
        return rollouts;
    }

    /**
     * Runs {@code SELECT 1} on a pooled connection, for the readiness check. It waits for a connection as any store
     * call does (up to the pool's connection timeout); callers that must not wait that long run it on a thread of
     * their own and stop waiting for it.
     *
     * @throws StoreException when the database cannot answer
     */
    public void probe(java.time.Duration queryTimeout) {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement st = c.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
            st.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            throw StoreException.of("probe", e);
        }
    }

    /** The connection pool as it is now, read from HikariCP's own pool bean; cheap, for gauges. */
    public PoolState pool() {
        com.zaxxer.hikari.HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolState(0, 0, 0, dataSource.getMaximumPoolSize());
        }
        return new PoolState(bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(), dataSource.getMaximumPoolSize());
    }

    /**
     * Connections of the pool at one moment.
     *
     * @param active  lent out to a store call
     * @param idle    open and waiting in the pool
     * @param waiting threads waiting for a connection (the pool is saturated while this is above zero)
     * @param max     the pool's size limit
     */
    public record PoolState(int active, int idle, int waiting, int max) {
    }

    /**
     * Hands the duration (nanoseconds) of every transaction to {@code timer}, which must be cheap and must not throw.
     * Replaces any earlier timer.
     */
    public void timeTransactions(java.util.function.LongConsumer timer) {
        tx.timer(java.util.Objects.requireNonNull(timer));
    }

    /** The clients' last polls as every instance saved them (rows; the rules are in {@code presence}). */
    public org.openmargo.wfm.presence.PresenceRows presence() {
        return presence;
    }

    /** Closes the pool; calls in flight may fail. Idempotent. */
    @Override
    public void close() {
        dataSource.close();
    }
}
