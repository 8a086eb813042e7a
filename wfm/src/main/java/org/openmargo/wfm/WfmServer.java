package org.openmargo.wfm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.coherence.CacheCoherence;
import org.openmargo.wfm.coherence.ChangeFeed;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.console.Console;
import org.openmargo.wfm.console.OperatorClient;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.deviceapi.BundlesService;
import org.openmargo.wfm.deviceapi.CapabilitiesService;
import org.openmargo.wfm.deviceapi.DeploymentsService;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.enrollment.Enrollment;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
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
import org.openmargo.wfm.identityserviceapi.EnrollmentEndpoint;
import org.openmargo.wfm.identityserviceapi.IdentityServiceApi;
import org.openmargo.wfm.identityserviceapi.RenewalEndpoint;
import org.openmargo.wfm.identityserviceapi.WellKnownService;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.operatorapi.AppsService;
import org.openmargo.wfm.operatorapi.AuditService;
import org.openmargo.wfm.operatorapi.CaService;
import org.openmargo.wfm.operatorapi.ClientOverview;
import org.openmargo.wfm.operatorapi.ClientsService;
import org.openmargo.wfm.operatorapi.DiscoveryService;
import org.openmargo.wfm.operatorapi.EnrollmentTokensService;
import org.openmargo.wfm.operatorapi.FleetDeploymentsService;
import org.openmargo.wfm.operatorapi.LabelsService;
import org.openmargo.wfm.operatorapi.RolloutsService;
import org.openmargo.wfm.operatorapi.OperatorApi;
import org.openmargo.wfm.operatorapi.SvidSigningService;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.session.SessionStore;
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

    private WfmServer(Database database, ScheduledExecutorService scheduler, ScheduledExecutorService fleetScheduler,
                      WebServer server, Identity identity, String operatorToken, Optional<BuiltInMis> mis,
                      ConnectionDeadlines deadlines, Optional<ChangeFeed> changeFeed, boolean proxied,
                      ClusterLock clusterLock) {
        this.fleetScheduler = fleetScheduler;
        this.deadlines = deadlines;
        this.changeFeed = changeFeed;
        this.proxied = proxied;
        this.clusterLock = clusterLock;
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
        // itself; the requests and the periodic tasks queue on it.
        ScheduledExecutorService fleetScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wfm-fleet");
            t.setDaemon(true);
            return t;
        });
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
            AtomicInteger operatorPort = new AtomicInteger();
            WebServerConfig.Builder builder = listeners(settings, database, identity, token, mis, deadlines,
                    desiredState, fleet, operatorPort);
            settings.proxiedDeviceApi().ifPresent(p -> ProxiedListener.add(builder, p, keys, identity, deadlines,
                    l -> bounded(l, settings.connections(), deadlines), settings.deviceApi().maxBodyBytes() * 2L,
                    withRenewal(new RenewalEndpoint(DeviceApi::caller, mis.map(BuiltInMis::service),
                            new AuditLog(database.audit(), Clock.systemUTC())),
                            deviceResources(settings, database, desiredState, fleet.presence()))));
            WebServer server = builder.build().start();
            operatorPort.set(server.port(OPERATOR_SOCKET));
            WfmServer wfm = new WfmServer(database, scheduler, fleetScheduler, server, identity, token, mis,
                    deadlines, feed, settings.proxiedDeviceApi().isPresent(),
                    database.clusterLock(instanceName(settings)));
            wfm.checkBound(settings);
            mis.ifPresent(m -> m.started(server.port(BuiltInMis.SOCKET), scheduler,
                    settings.identity().reloadInterval()));
            LOG.info(() -> "WFM " + settings.wfmId() + " of trust domain " + settings.trustDomain()
                    + ": device API (mTLS) on port " + server.port() + ", operator API on "
                    + settings.operator().host() + ":" + server.port(OPERATOR_SOCKET)
                    + mis.map(m -> ", identity service on port " + server.port(BuiltInMis.SOCKET)).orElse("")
                    + settings.proxiedDeviceApi().map(p -> ", proxied device API on " + p.host() + ":"
                            + server.port(ProxiedListener.SOCKET)).orElse("")
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

    private static WebServerConfig.Builder listeners(WfmSettings settings, Database database, Identity identity,
                                                     String token, Optional<BuiltInMis> mis,
                                                     ConnectionDeadlines deadlines,
                                                     ManifestCache desiredState, Fleet fleet,
                                                     AtomicInteger operatorPort) {
        int maxBody = settings.deviceApi().maxBodyBytes();
        AuditLog audit = new AuditLog(database.audit(), Clock.systemUTC());
        EnrollmentTokens tokens = new EnrollmentTokens(database.enrollmentTokens(), Clock.systemUTC(),
                new SecureRandom());
        Optional<BuiltInIdentityService> builtIn = mis.map(BuiltInMis::service);
        Optional<IdentityService> identityService = builtIn.map(IdentityService.class::cast);
        WebServerConfig.Builder builder = WebServer.builder()
                .host(settings.deviceApi().host())
                .port(settings.deviceApi().port())
                .maxPayloadSize(maxBody * 2L)
                // Small request/response exchanges and a handshake written as several TLS records: without
                // TCP_NODELAY, Nagle's algorithm and delayed ACKs add tens of milliseconds to every new poll.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .tls(deadlines.guard(identity.serverTls()))
                .update(l -> bounded(l, settings.connections(), deadlines))
                .directHandlers(ProblemDirectHandler.all())
                .routing(r -> DeviceApi.routing(r.addFilter(new ConnectionCloseFilter()), identity.authenticator(),
                        // Our extension (docs/identity-service.md), beside the Margo routes, under /x-openmargo/.
                        withRenewal(new RenewalEndpoint(identity.authenticator(), identityService, audit),
                                deviceResources(settings, database, desiredState, fleet.presence()))))
                .putSocket(OPERATOR_SOCKET, s -> s
                        .host(settings.operator().host())
                        .port(settings.operator().port())
                        .maxPayloadSize(maxBody * 2L)
                        .update(l -> bounded(l, settings.connections(), deadlines))
                        .directHandlers(ProblemDirectHandler.all())
                        .routing(r -> OperatorApi.routing(r.addFilter(new ConnectionCloseFilter()), token,
                                new ClientsService(new ClientOverview(database.clients(), database.devices(),
                                        database.desiredState(), database.statuses(), fleet.presence()), identity.policy(),
                                        tokens,
                                        audit),
                                new org.openmargo.wfm.operatorapi.DeploymentsService(desiredState, audit, maxBody),
                                new AppsService(database.catalogue(), audit,
                                        Math.min(maxBody, DeploymentValidator.MAX_BYTES)),
                                new FleetDeploymentsService(fleet.deployments(), fleet.preview(), audit),
                                new RolloutsService(fleet.rollouts(), audit),
                                new LabelsService(fleet.labels(), audit),
                                new SvidSigningService(identityService, identity.policy(), audit),
                                new EnrollmentTokensService(tokens, identityService, audit),
                                new DiscoveryService(identityService),
                                new AuditService(audit),
                                new CaService(builtIn, audit),
                                console(settings, operatorPort))));
        mis.ifPresent(m -> builder.putSocket(BuiltInMis.SOCKET, s -> s
                .host(settings.identityService().host())
                .port(settings.identityService().port())
                .maxPayloadSize(maxBody * 2L)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .tls(deadlines.guard(m.tls()))
                .update(l -> bounded(l, settings.connections(), deadlines))
                .directHandlers(ProblemDirectHandler.all())
                .routing(r -> IdentityServiceApi.routing(r.addFilter(new ConnectionCloseFilter()),
                        new WellKnownService(m.service()),
                        new EnrollmentEndpoint(new Enrollment(tokens, m.service(), identity.policy()), audit)))));
        return builder;
    }

    /** The Margo resources of the device API, as every device API listener serves them. */
    private static HttpService[] deviceResources(WfmSettings settings, Database database, ManifestCache desiredState,
                                                 Presence presence) {
        int maxBody = settings.deviceApi().maxBodyBytes();
        return new HttpService[] {
                new CapabilitiesService(database.devices(), maxBody),
                new DeploymentsService(desiredState, database.statuses(), maxBody, presence),
                new BundlesService(desiredState)};
    }

    static HttpService[] withRenewal(HttpService renewal, HttpService[] resources) {
        HttpService[] all = new HttpService[resources.length + 1];
        all[0] = renewal;
        System.arraycopy(resources, 0, all, 1, resources.length);
        return all;
    }

    /**
     * The operator console on the operator listener, a client of the operator API over loopback (docs/console.md);
     * a service with no routes when {@code wfm.console.enabled} is false.
     */
    private static HttpService console(WfmSettings settings, AtomicInteger operatorPort) {
        WfmSettings.Console c = settings.operator().console();
        if (!c.enabled()) {
            return rules -> { };
        }
        String host = switch (settings.operator().host()) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> settings.operator().host().contains(":") && !settings.operator().host().startsWith("[")
                    ? "[" + settings.operator().host() + "]" : settings.operator().host();
        };
        SessionStore sessions = new SessionStore(c.idleTimeout(), c.absoluteTimeout(), c.maxSessions(),
                Clock.systemUTC(), new SecureRandom());
        OperatorClient api = new OperatorClient(() -> URI.create("http://" + host + ":" + operatorPort.get()));
        return new Console(sessions, api, c.secureCookie(), c.staleAfter(), Clock.systemUTC());
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
        if (server.port() <= 0 || server.port(OPERATOR_SOCKET) <= 0 || misDown || proxiedDown) {
            close();
            throw new IllegalStateException("could not bind the device API port " + settings.deviceApi().port()
                    + ", the operator port " + settings.operator().port()
                    + (mis.isPresent() ? " or the identity service port " + settings.identityService().port() : "")
                    + settings.proxiedDeviceApi().map(p -> " or the proxied device API port " + p.port()).orElse("")
                    + " (in use, or not permitted)");
        }
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

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            changeFeed.ifPresent(ChangeFeed::close);
            deadlines.close();
            fleetScheduler.shutdownNow();
            scheduler.shutdownNow();
            database.close();
        }
    }
}
