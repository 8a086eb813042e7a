package org.openmargo.wfm.identity;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.common.tls.Tls;

/**
 * The WFM's identity layer (spec b.1, MIAF): mutual TLS with X.509-SVIDs, the trust bundle, and the accepted-client
 * policy, wired together.
 *
 * <p>Use:
 * <pre>{@code
 * Identity identity = Identity.create(settings, SvidKeyManager.fromFiles(chain, key), registry, Clock.systemUTC());
 * WebServer server = WebServer.builder().tls(identity.serverTls()) ... // every route calls:
 * String clientId = identity.authenticator().authenticate(request.remotePeer().tlsCertificates());
 * identity.start(scheduler);  // trust bundle reload and policy refresh
 * }</pre>
 *
 * <p>The handshake validates the client SVID; every request must still call {@link #authenticator()}, because a
 * resumed TLS session skips the handshake check and spec b.1 forbids resumption from extending authentication. Keep
 * {@link IdentitySettings#sessionLifetime()} far below SVID lifetimes.
 *
 * <p>Thread safe.
 */
public final class Identity {
    private static final Logger LOG = System.getLogger(Identity.class.getName());

    private final IdentitySettings settings;
    private final TrustBundleSource bundles;
    private final AcceptedClientPolicy policy;
    private final CallerAuthenticator authenticator;
    private final Tls serverTls;
    private final HandshakeCounts handshakes;
    private final SvidKeyManager keys;

    private Identity(IdentitySettings settings, TrustBundleSource bundles, AcceptedClientPolicy policy,
                     CallerAuthenticator authenticator, Tls serverTls, HandshakeCounts handshakes,
                     SvidKeyManager keys) {
        this.handshakes = handshakes;
        this.keys = keys;
        this.settings = settings;
        this.bundles = bundles;
        this.policy = policy;
        this.authenticator = authenticator;
        this.serverTls = serverTls;
    }

    /**
     * Reads the trust bundle and the registry; the server presents what {@code keys} holds at each handshake.
     *
     * @throws IllegalArgumentException when a file is missing or invalid; the message names the file and the reason
     */
    public static Identity create(IdentitySettings settings, SvidKeyManager keys, ClientRegistry registry,
                                  Clock clock) {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(keys);
        Objects.requireNonNull(registry);
        Objects.requireNonNull(clock);
        TrustBundleSource bundles;
        try {
            bundles = new TrustBundleSource(settings.trustBundle(), clock);
        } catch (InvalidTrustBundleException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SvidVerifier verifier = new SvidVerifier(settings.trustDomain(), settings.wfmId());
        AcceptedClientPolicy policy = new AcceptedClientPolicy(registry, settings.acceptNamespace());
        VerdictCache verdicts = new VerdictCache(verifier, bundles, VerdictCache.DEFAULT_MAX_ENTRIES);
        CallerAuthenticator authenticator = new CallerAuthenticator(verdicts, policy, clock);
        HandshakeCounts handshakes = new HandshakeCounts();
        Tls tls = ServerTls.create(keys, new SvidTrustManager(verdicts, clock, handshakes),
                settings.tls12Enabled(), settings.sessionLifetime());
        javax.net.ssl.SSLContext counted = DecoratedSslContext.wrap(tls.sslContext(),
                new DecoratedSslContext.Decorator() {
                    @Override
                    public javax.net.ssl.SSLEngine engine(javax.net.ssl.SSLEngine engine) {
                        handshakes.connection();
                        return engine;
                    }
                });
        tls = Tls.builder().from(tls.prototype()).sslContext(counted).build();
        return new Identity(settings, bundles, policy, authenticator, tls, handshakes, keys);
    }

    /** The WFM's own SVID presented now (leaf first); it changes when a renewed one is swapped in. */
    public java.util.List<java.security.cert.X509Certificate> ownSvid() {
        return keys.chain();
    }

    /** What the TLS layer of {@link #serverTls()} counted since start. */
    public HandshakeCounts handshakes() {
        return handshakes;
    }

    /**
     * The trust bundle in use.
     *
     * @param anchors     how many trust anchors it holds
     * @param confirmedAt when its file was last read successfully (unchanged or accepted)
     */
    public record TrustState(int anchors, java.time.Instant confirmedAt) {
    }

    /** The trust bundle in use and how fresh it is; never blocks. */
    public TrustState trust() {
        return new TrustState(bundles.current().bundle().anchors().size(), bundles.confirmedAt());
    }

    /** The server TLS configuration for the WFM's listener; client authentication is required. */
    public Tls serverTls() {
        return serverTls;
    }

    /** The per-request caller check. */
    public CallerAuthenticator authenticator() {
        return authenticator;
    }

    /** The accepted-client policy, for administration. */
    public AcceptedClientPolicy policy() {
        return policy;
    }

    /**
     * Starts re-reading the trust bundle file and refreshing the policy every
     * {@link IdentitySettings#bundleReloadInterval()}, as one-shot tasks re-armed after each run. Stops when the
     * executor shuts down. Call once.
     */
    public void start(ScheduledExecutorService executor) {
        Duration interval = settings.bundleReloadInterval();
        bundles.start(executor, interval);
        executor.schedule(() -> refreshPolicy(executor, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshPolicy(ScheduledExecutorService executor, Duration interval) {
        try {
            policy.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "accepted-client policy refresh failed; keeping the last snapshot", e);
        } finally {
            TrustBundleSource.rearm(executor, () -> refreshPolicy(executor, interval), interval);
        }
    }

    /**
     * Re-reads the trust bundle file now instead of at the next reload tick (after the built-in CA rewrote it). Same
     * rules as the periodic reload: a bad or rolled-back file is logged and the last good bundle kept.
     *
     * @return whether a new bundle was accepted
     */
    public boolean reloadTrustBundle() {
        return bundles.reload();
    }

    TrustBundleSource bundles() {
        return bundles;
    }
}
