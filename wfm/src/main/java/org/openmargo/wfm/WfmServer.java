package org.openmargo.wfm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.apidocs.ApiDocuments;
import org.openmargo.wfm.coherence.CacheCoherence;
import org.openmargo.wfm.coherence.ChangeFeed;
import org.openmargo.wfm.crypto.X25519Provider;
import org.openmargo.wfm.observe.Observability;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.httpcommon.ConnectionCloseFilter;
import org.openmargo.wfm.httpcommon.ConnectionDeadlines;
import org.openmargo.wfm.httpcommon.ProblemDirectHandler;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identity.IdentitySettings;
import org.openmargo.wfm.identity.SvidKeyManager;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.lease.ClusterLock;
import org.openmargo.wfm.identityservice.BuiltInMis;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityserviceapi.IdentityServiceApi;
import org.openmargo.wfm.operatorapi.OperatorApi;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/**
 * A running WFM: the database (migrated), the identity layer, the mTLS device API listener, the operator listener and,
 * unless an external identity service is configured, the built-in one with its MIS listener. {@link #close()} stops
 * them in reverse order. Used by {@link Main} and by tests that need a real server.
 */
public final class WfmServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WfmServer.class.getName());
    private static final String OPERATOR_SOCKET = "operator";

    private final Database database;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService fleetScheduler;
    private final WebServer server;
    private final Identity identity;
    private final String operatorToken;
    private final Optional<BuiltInMis> mis;
    private final ConnectionDeadlines deadlines;
    private final Optional<ChangeFeed> changeFeed;
    private final boolean proxied;
    private final ClusterLock clusterLock;
    private final Observability observability;
    private final Resources resources;
    private final Presence presence;

    private WfmServer(Database database, ScheduledExecutorService scheduler, ScheduledExecutorService fleetScheduler,
                      WebServer server, Identity identity, String operatorToken, Optional<BuiltInMis> mis,
                      ConnectionDeadlines deadlines, Optional<ChangeFeed> changeFeed, boolean proxied,
                      ClusterLock clusterLock, Observability observability, Resources resources,
                      Presence presence) {
        this.presence = presence;
        this.fleetScheduler = fleetScheduler;
        this.deadlines = deadlines;
        this.changeFeed = changeFeed;
        this.proxied = proxied;
        this.clusterLock = clusterLock;
        this.observability = observability;
        this.resources = resources;
        this.database = database;
        this.scheduler = scheduler;
        this.server = server;
        this.identity = identity;
        this.operatorToken = operatorToken;
        this.mis = mis;
    }

    /**
     * Starts a WFM with these settings.
     *
     * @throws IOException           when the data directory or key material cannot be prepared
     * @throws IllegalStateException when a listener cannot bind its port, or the CA cannot be opened (the message
     *                               says why, e.g. a CA key that does not decrypt with the configured passphrase)
     */
    public static WfmServer start(WfmSettings settings) throws IOException {
        X25519Provider.install();
        Files.createDirectories(settings.dataDir());
        String token = OperatorToken.resolve(settings.operator().token(), settings.dataDir());
        WfmSettings.Database db = settings.database();
        Database database = Database.open(new DatabaseSettings(db.url(), db.user(), db.password(), db.maxPoolSize()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wfm-reload");
            t.setDaemon(true);
            return t;
        });
        // The fleet reconciler and the rollout engine: one thread, so that their database work never competes with
        // itself; the requests and the periodic tasks queue on it. At stop, tasks waiting for their time are dropped
        // (the one running is let finish: see savePresence).
        ScheduledThreadPoolExecutor fleetScheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wfm-fleet");
            t.setDaemon(true);
            return t;
        });
        fleetScheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        WfmSettings.Connections bounds = settings.connections();
        ConnectionDeadlines deadlines = ConnectionDeadlines.start(bounds.handshakeTimeout(), bounds.headerTimeout());
        ManifestCache desiredState = ManifestCache.create(database.desiredState(), settings.cacheTtl(),
                settings.cacheMaxEntries());
        Optional<ChangeFeed> feed = database.changeChannel().map(channel -> ChangeFeed.start(
                () -> feedConnection(db), channel, new CacheCoherence(desiredState, settings.cacheShortTtl()),
                ChangeFeed.Timing.DEFAULT));
        try {
            Optional<BuiltInMis> mis = settings.identityService().enabled()
                    ? Optional.of(BuiltInMis.create(settings, database.anchors(), Clock.systemUTC()))
                    : Optional.empty();
            SvidKeyManager keys = keys(settings, mis);
            Identity identity = identity(settings, mis, keys, database);
            mis.ifPresent(m -> m.onBundleChange(identity::reloadTrustBundle));
            identity.start(scheduler);
            Fleet fleet = Fleet.create(settings.fleet(), database, desiredState, fleetScheduler);
            Observability observability = Observability.create(settings, database, identity, mis, desiredState,
                    fleet.gauges(), Clock.systemUTC());
            AtomicInteger operatorPort = new AtomicInteger();
            Resources resources = Resources.of(settings, database, identity, token, mis, desiredState,
                    observability, fleet, operatorPort);
            WebServerConfig.Builder builder = listeners(settings, identity, mis, deadlines, observability, resources);
            observability.addListener(builder, l -> bounded(l, settings.connections(), deadlines),
                    ApiDocuments.create());
            settings.proxiedDeviceApi().ifPresent(p -> ProxiedListener.add(builder, p, keys, identity, deadlines,
                    l -> bounded(l, settings.connections(), deadlines), settings.deviceApi().maxBodyBytes() * 2L,
                    resources.proxiedDevice().toArray(HttpService[]::new)));
            WebServer server = builder.build().start();
            operatorPort.set(server.port(OPERATOR_SOCKET));
            WfmServer wfm = new WfmServer(database, scheduler, fleetScheduler, server, identity, token, mis,
                    deadlines, feed, settings.proxiedDeviceApi().isPresent(),
                    database.clusterLock(instanceName(settings)), observability, resources, fleet.presence());
            wfm.checkBound(settings);
            mis.ifPresent(m -> m.started(server.port(BuiltInMis.SOCKET), scheduler,
                    settings.identity().reloadInterval()));
            observability.start(scheduler);
            LOG.info(() -> "WFM " + settings.wfmId() + " of trust domain " + settings.trustDomain()
                    + ": device API (mTLS) on port " + server.port() + ", operator API on "
                    + settings.operator().host() + ":" + server.port(OPERATOR_SOCKET)
                    + mis.map(m -> ", identity service on port " + server.port(BuiltInMis.SOCKET)).orElse("")
                    + settings.proxiedDeviceApi().map(p -> ", proxied device API on " + p.host() + ":"
                            + server.port(ProxiedListener.SOCKET)).orElse("")
                    + (settings.observe().enabled() ? ", observability on " + settings.observe().host() + ":"
                    + server.port(Observability.SOCKET) : "")
                    + ", database " + settings.database().url());
            return wfm;
        } catch (RuntimeException e) {
            feed.ifPresent(ChangeFeed::close);
            deadlines.close();
            scheduler.shutdownNow();
            fleetScheduler.shutdownNow();
            database.close();
            if (e instanceof org.openmargo.wfm.ca.CaUnavailableException) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static String instanceName(WfmSettings settings) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        String name = settings.wfmId() + "/" + host + "/" + java.util.UUID.randomUUID();
        return name.length() <= 255 ? name : name.substring(name.length() - 255);
    }

    /** A connection of its own for the change feed, named so that operators can tell it in pg_stat_activity. */
    private static java.sql.Connection feedConnection(WfmSettings.Database db) throws java.sql.SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());
        properties.setProperty("ApplicationName", "openmargo-wfm change feed");
        return java.sql.DriverManager.getConnection(db.url(), properties);
    }

    private static SvidKeyManager keys(WfmSettings s, Optional<BuiltInMis> mis) {
        WfmSettings.Identity id = s.identity();
        return mis.map(BuiltInMis::wfmKeys).orElseGet(() ->
                SvidKeyManager.fromFiles(id.certificate().orElseThrow(), id.privateKey().orElseThrow()));
    }

    private static Identity identity(WfmSettings s, Optional<BuiltInMis> mis, SvidKeyManager keys,
                                     Database database) {
        WfmSettings.Identity id = s.identity();
        Path bundle = mis.map(BuiltInMis::bundleFile).orElseGet(() -> id.trustBundle().orElseThrow());
        IdentitySettings settings = new IdentitySettings(s.trustDomain(), s.wfmId(), bundle,
                s.deviceApi().tls12Enabled(), s.deviceApi().sessionLifetime(), id.reloadInterval(),
                id.acceptNamespace());
        return Identity.create(settings, keys, database.clients(), Clock.systemUTC());
    }

    private static WebServerConfig.Builder listeners(WfmSettings settings, Identity identity,
                                                     Optional<BuiltInMis> mis, ConnectionDeadlines deadlines,
                                                     Observability observability, Resources resources) {
        int maxBody = settings.deviceApi().maxBodyBytes();
        WebServerConfig.Builder builder = WebServer.builder()
                .host(settings.deviceApi().host())
                .port(settings.deviceApi().port())
                .maxPayloadSize(maxBody * 2L)
                // Only the features added here: Helidon's observe feature, found on the class path, would otherwise
                // add its endpoints to the device API listener.
                .featuresDiscoverServices(false)
                // Small request/response exchanges and a handshake written as several TLS records: without
                // TCP_NODELAY, Nagle's algorithm and delayed ACKs add tens of milliseconds to every new poll.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .tls(deadlines.guard(identity.serverTls()))
                .update(l -> bounded(l, settings.connections(), deadlines))
                .directHandlers(ProblemDirectHandler.all())
                .routing(r -> DeviceApi.routing(r.addFilter(new ConnectionCloseFilter())
                                .addFilter(observability.deviceRequests()), identity.authenticator(),
                        resources.device().toArray(HttpService[]::new)))
                .putSocket(OPERATOR_SOCKET, s -> s
                        .host(settings.operator().host())
                        .port(settings.operator().port())
                        .maxPayloadSize(maxBody * 2L)
                        .update(l -> bounded(l, settings.connections(), deadlines))
                        .directHandlers(ProblemDirectHandler.all())
                        .routing(r -> OperatorApi.routing(r.addFilter(new ConnectionCloseFilter()),
                                resources.operatorToken(), resources.operator().toArray(HttpService[]::new))));
        mis.ifPresent(m -> builder.putSocket(BuiltInMis.SOCKET, s -> s
                .host(settings.identityService().host())
                .port(settings.identityService().port())
                .maxPayloadSize(maxBody * 2L)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .tls(deadlines.guard(m.tls()))
                .update(l -> bounded(l, settings.connections(), deadlines))
                .directHandlers(ProblemDirectHandler.all())
                .routing(r -> {
                    r.addFilter(new ConnectionCloseFilter());
                    observability.enrollments().ifPresent(r::addFilter);
                    IdentityServiceApi.routing(r, resources.identityService().toArray(HttpService[]::new));
                })));
        return builder;
    }

    /**
     * Applies the connection bounds to one listener: Helidon's own cap and idle timeout (checked ten times per
     * timeout, at least once a second), and the HTTP/1 listener that puts header fields under a deadline.
     */
    private static void bounded(ListenerConfig.BuilderBase<?, ?> listener, WfmSettings.Connections bounds,
                                ConnectionDeadlines deadlines) {
        Duration period = Duration.ofMillis(Math.clamp(bounds.idleTimeout().toMillis() / 10, 50, 1000));
        listener.maxTcpConnections(bounds.maxPerListener())
                .idleConnectionTimeout(bounds.idleTimeout())
                .idleConnectionPeriod(period)
                .useNio(true) // the handshake deadline hooks the TLS engine of the NIO accept path
                // only this HTTP/1 configuration: a second, discovered one makes Helidon sniff the first bytes and
                // close a connection whose request line it cannot parse without any answer
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().addReceiveListener(deadlines.listener()).build());
    }

    private void checkBound(WfmSettings settings) {
        boolean misDown = mis.isPresent() && server.port(BuiltInMis.SOCKET) <= 0;
        boolean proxiedDown = proxied && server.port(ProxiedListener.SOCKET) <= 0;
        boolean observeDown = settings.observe().enabled() && server.port(Observability.SOCKET) <= 0;
        if (server.port() <= 0 || server.port(OPERATOR_SOCKET) <= 0 || misDown || proxiedDown || observeDown) {
            close();
            throw new IllegalStateException("could not bind the device API port " + settings.deviceApi().port()
                    + ", the operator port " + settings.operator().port()
                    + (mis.isPresent() ? ", the identity service port " + settings.identityService().port() : "")
                    + settings.proxiedDeviceApi().map(p -> ", the proxied device API port " + p.port()).orElse("")
                    + (settings.observe().enabled() ? ", the observability port " + settings.observe().port() : "")
                    + " (in use, or not permitted)");
        }
    }

    /** The bound port of the observability listener, or -1 when it is disabled. */
    public int observePort() {
        return server.port(Observability.SOCKET);
    }

    /** The resources of each listener, as the routings were built from them (for tests that walk the routes). */
    Resources resources() {
        return resources;
    }

    /** Metrics and health of this server. */
    public Observability observability() {
        return observability;
    }

    /** The bound port of the mTLS device API. */
    public int deviceApiPort() {
        return server.port();
    }

    /** The bound port of the operator API. */
    public int operatorPort() {
        return server.port(OPERATOR_SOCKET);
    }

    /** The bound port of the MIS listener, or -1 when the identity service is external. */
    public int misPort() {
        return mis.isPresent() ? server.port(BuiltInMis.SOCKET) : -1;
    }

    /** The built-in identity service; empty when an external one is configured. */
    public Optional<IdentityService> identityService() {
        return mis.map(BuiltInMis::service);
    }

    /** The built-in identity service with its CA, for operators and tests; empty with an external one. */
    public Optional<BuiltInIdentityService> builtInIdentityService() {
        return mis.map(BuiltInMis::service);
    }

    /** The operator credential in force. */
    public String operatorToken() {
        return operatorToken;
    }

    /** The identity layer (policy and trust bundle), for operators and tests. */
    public Identity identity() {
        return identity;
    }

    /** The bound port of the proxied device API listener, or -1 when it is disabled. */
    public int proxiedDeviceApiPort() {
        return proxied ? server.port(ProxiedListener.SOCKET) : -1;
    }

    /**
     * Cluster-wide leases for background work that must run on one instance at a time, held under this instance's
     * name (wfm-id, host and a random part, fixed for the life of the process).
     */
    public ClusterLock clusterLock() {
        return clusterLock;
    }

    /** Whether this instance hears the other instances' changes now (always false on H2, which has no feed). */
    public boolean hearsChanges() {
        return changeFeed.map(ChangeFeed::listening).orElse(false);
    }

    /**
     * Lets the fleet thread finish what it is doing (at most 10 s), then saves the polls taken since the last presence
     * flush: with the listeners stopped no more arrive, and without this a graceful stop lost up to one flush interval
     * of last-poll times.
     */
    private void savePresence() {
        fleetScheduler.shutdown();
        try {
            if (!fleetScheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("the fleet thread did not stop within 10 s; clients' last polls are saved anyway");
            }
            presence.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "saving the clients' last polls at stop failed; they are lost", e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            changeFeed.ifPresent(ChangeFeed::close);
            observability.close();
            deadlines.close();
            savePresence();
            fleetScheduler.shutdownNow();
            scheduler.shutdownNow();
            database.close();
        }
    }
}
