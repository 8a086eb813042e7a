package org.openmargo.wfm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.enrollment.RenewalEndpoint;
import org.openmargo.wfm.http.DeviceApi;
import org.openmargo.wfm.http.ProblemDirectHandler;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identity.IdentitySettings;
import org.openmargo.wfm.mis.IdentityService;
import org.openmargo.wfm.operator.ClientOverview;
import org.openmargo.wfm.operator.OperatorApi;
import org.openmargo.wfm.pki.DevelopmentPki;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/**
 * A running WFM: the database (migrated), the identity layer, the mTLS device API listener and the operator
 * listener. {@link #close()} stops them in reverse order. Used by {@link Main} and by tests that need a real server.
 */
public final class WfmServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WfmServer.class.getName());
    private static final String OPERATOR_SOCKET = "operator";

    private final Database database;
    private final ScheduledExecutorService scheduler;
    private final WebServer server;
    private final Identity identity;
    private final String operatorToken;

    private WfmServer(Database database, ScheduledExecutorService scheduler, WebServer server, Identity identity,
                      String operatorToken) {
        this.database = database;
        this.scheduler = scheduler;
        this.server = server;
        this.identity = identity;
        this.operatorToken = operatorToken;
    }

    /**
     * Starts a WFM with these settings.
     *
     * @throws IOException           when the data directory or key material cannot be prepared
     * @throws IllegalStateException when a listener cannot bind its port
     */
    public static WfmServer start(WfmSettings settings) throws IOException {
        Files.createDirectories(settings.dataDir());
        IdentitySettings identitySettings = identitySettings(settings);
        String token = OperatorToken.resolve(settings.operator().token(), settings.dataDir());
        WfmSettings.Database db = settings.database();
        Database database = Database.open(new DatabaseSettings(db.url(), db.user(), db.password(), db.maxPoolSize()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wfm-reload");
            t.setDaemon(true);
            return t;
        });
        try {
            Identity identity = Identity.create(identitySettings, database.clients(), Clock.systemUTC());
            identity.start(scheduler);
            ManifestCache desiredState = ManifestCache.create(database.desiredState(), settings.cacheTtl(),
                    settings.cacheMaxEntries());
            ClientOverview overview = new ClientOverview(database.clients(), database.devices(),
                    database.desiredState(), database.statuses());
            int maxBody = settings.deviceApi().maxBodyBytes();
            AuditLog audit = new AuditLog(database.audit(), Clock.systemUTC());
            EnrollmentTokens tokens = new EnrollmentTokens(database.enrollmentTokens(), Clock.systemUTC(),
                    new SecureRandom());
            // The built-in identity service (CA, MIS listener with the enrollment endpoint) is wired here once it
            // exists; until then enrollment, CSR signing and renewal answer 404.
            Optional<IdentityService> identityService = Optional.empty();
            WebServer server = WebServer.builder()
                    .host(settings.deviceApi().host())
                    .port(settings.deviceApi().port())
                    .maxPayloadSize(maxBody * 2L)
                    // Small request/response exchanges and a handshake written as several TLS records: without
                    // TCP_NODELAY, Nagle's algorithm and delayed ACKs add tens of milliseconds to every new poll.
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .tls(identity.serverTls())
                    .directHandlers(ProblemDirectHandler.all())
                    .routing(r -> {
                        RenewalEndpoint.register(r, identity.authenticator(), identityService, audit);
                        DeviceApi.register(r, identity.authenticator(), desiredState, database.devices(),
                                database.statuses(), maxBody);
                    })
                    .putSocket(OPERATOR_SOCKET, s -> s
                            .host(settings.operator().host())
                            .port(settings.operator().port())
                            .maxPayloadSize(maxBody * 2L)
                            .directHandlers(ProblemDirectHandler.all())
                            .routing(r -> OperatorApi.register(r, token, desiredState, identity.policy(), overview,
                                    maxBody, tokens, identityService, audit)))
                    .build()
                    .start();
            WfmServer wfm = new WfmServer(database, scheduler, server, identity, token);
            if (server.port() <= 0 || server.port(OPERATOR_SOCKET) <= 0) {
                wfm.close();
                throw new IllegalStateException("could not bind the device API port " + settings.deviceApi().port()
                        + " or the operator port " + settings.operator().port() + " (in use, or not permitted)");
            }
            LOG.info(() -> "WFM " + settings.wfmId() + " of trust domain " + settings.trustDomain()
                    + ": device API (mTLS) on port " + server.port() + ", operator API on "
                    + settings.operator().host() + ":" + server.port(OPERATOR_SOCKET) + ", database "
                    + settings.database().url());
            return wfm;
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            database.close();
            throw e;
        }
    }

    private static IdentitySettings identitySettings(WfmSettings s) throws IOException {
        WfmSettings.Identity id = s.identity();
        Path bundle;
        Path cert;
        Path key;
        if (id.supplied()) {
            bundle = id.trustBundle().orElseThrow();
            cert = id.certificate().orElseThrow();
            key = id.privateKey().orElseThrow();
        } else {
            DevelopmentPki.Material m = DevelopmentPki.ensure(s.dataDir().resolve("pki"), s.trustDomain(), s.wfmId());
            LOG.warning(() -> "No identity material configured: using the development PKI in " + m.bundle().getParent()
                    + " (a local CA; a client SVID for '" + DevelopmentPki.DEMO_CLIENT + "' is in " + m.clientDir()
                    + "). Configure wfm.identity.* for production.");
            bundle = m.bundle();
            cert = m.certificate();
            key = m.privateKey();
        }
        return new IdentitySettings(s.trustDomain(), s.wfmId(), bundle, cert, key, s.deviceApi().tls12Enabled(),
                s.deviceApi().sessionLifetime(), id.reloadInterval(), id.acceptNamespace());
    }

    /** The bound port of the mTLS device API. */
    public int deviceApiPort() {
        return server.port();
    }

    /** The bound port of the operator API. */
    public int operatorPort() {
        return server.port(OPERATOR_SOCKET);
    }

    /** The operator credential in force. */
    public String operatorToken() {
        return operatorToken;
    }

    /** The identity layer (policy and trust bundle), for operators and tests. */
    public Identity identity() {
        return identity;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            scheduler.shutdownNow();
            database.close();
        }
    }
}
