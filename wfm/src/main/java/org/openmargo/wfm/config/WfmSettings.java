package org.openmargo.wfm.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/**
 * Every setting of the WFM, read and validated once at start from the Helidon configuration (an optional file given
 * with {@code --config}, then the built-in {@code application.yaml}; system properties and environment variables
 * override both). docs/wfm.md lists every key. Relative paths resolve against the working directory.
 *
 * @param dataDir               where the embedded database and generated key material live
 * @param trustDomain           the SPIFFE trust domain shared with the clients
 * @param wfmId                 this WFM's id within the trust domain
 * @param deviceApi             the mTLS listener
 * @param identity              trust bundle, own SVID and client policy
 * @param identityService       the built-in identity service (CA, bundle, MIS listener); off when
 *                              {@link Identity#supplied()}
 * @param operator              the operator listener
 * @param database              JDBC settings (embedded H2 under dataDir when no URL is given)
 * @param cacheTtl              how long a cached manifest is served before the database is asked again
 * @param cacheMaxEntries       how many client manifests are cached
 * @param cacheShortTtl         the time to live used instead of {@code cacheTtl} while the change notifications of
 *                              other instances are not being heard (PostgreSQL only)
 * @param proxiedDeviceApi      the listener for a TLS-terminating proxy; empty when disabled
 * @param connections           bounds on every listener's connections (slow and idle clients)
 * @param fleet                 the fleet reconciler and rollout engine ({@code wfm.fleet.*}, docs/fleet.md)
 * @param observe               the observability listener: health, metrics, API documents
 * @param log                   log format and the device API request log
 */
public record WfmSettings(Path dataDir, String trustDomain, String wfmId, DeviceApi deviceApi, Identity identity,
                          IdentityService identityService, Operator operator, Database database, Duration cacheTtl,
                          int cacheMaxEntries, Connections connections, Duration cacheShortTtl,
                          Optional<ProxiedDeviceApiSettings> proxiedDeviceApi, Fleet fleet, Observe observe,
                          Log log) {
    private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,253}[a-z0-9])?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    /**
     * @param host             bind address
     * @param port             TCP port (0 picks a free one)
     * @param maxBodyBytes     largest accepted request body
     * @param tls12Enabled     whether TLS 1.2 is offered besides TLS 1.3
     * @param sessionLifetime  TLS session (and resumption ticket) lifetime
     */
    public record DeviceApi(String host, int port, int maxBodyBytes, boolean tls12Enabled, Duration sessionLifetime) {
    }

    /**
     * @param trustBundle          SPIFFE bundle JSON or PEM anchors of an external identity service; empty = the
     *                             built-in identity service
     * @param certificate          this WFM's SVID chain (PEM); empty = issued by the built-in identity service
     * @param privateKey           its PKCS#8 key (PEM); empty = generated in memory by the built-in service
     * @param acceptNamespace      whether any client of this WFM's namespace is accepted unless retired
     * @param reloadInterval       how often the trust bundle file and the policy are re-read
     */
    public record Identity(Optional<Path> trustBundle, Optional<Path> certificate, Optional<Path> privateKey,
                           boolean acceptNamespace, Duration reloadInterval) {
        /** Whether the operator supplied the identity material (external MIS; otherwise the built-in one is used). */
        public boolean supplied() {
            return trustBundle.isPresent() || certificate.isPresent() || privateKey.isPresent();
        }
    }

    /**
     * The built-in Margo Identity Service ({@code wfm.identity-service.*}, docs/identity-service.md).
     *
     * @param enabled            whether the built-in service runs; must be true unless {@code wfm.identity.*} is set
     * @param host               bind address of the MIS listener
     * @param port               its port (0 picks a free one)
     * @param publicUrl          the https base URL devices use; empty = {@code https://localhost:<bound port>}
     * @param algorithm          key algorithm of new anchors: {@code ES256}, {@code ES384}, {@code Ed25519} or
     *                           {@code RSA-3072}
     * @param caLifetime         lifetime of a new anchor
     * @param clientSvidLifetime lifetime of a client SVID (capped by the issuing anchor)
     * @param wfmSvidLifetime    lifetime of the WFM's own SVID (renewed after two thirds)
     * @param bundleRefreshHint  {@code spiffe_refresh_hint} of the published bundle
     * @param caKeyPassphrase    encrypts the CA keys at rest; empty = a generated one in dataDir/pki/ca-key-passphrase
     * @param caCertificate      an operator-supplied CA chain (issuing CA first, published anchor last), imported on
     *                           first start
     * @param caPrivateKey       its private key (PEM)
     * @param tlsNames           DNS names and IP addresses of the MIS listener's certificate
     * @param tlsCertificate     an operator-supplied certificate chain for the MIS listener (then no pin is needed)
     * @param tlsPrivateKey      its private key (PEM)
     * @param demoClients        client ids whose key and SVID the WFM itself generates into
     *                           dataDir/pki/clients/&lt;id&gt;/ at start (demos and load tests only)
     */
    public record IdentityService(boolean enabled, String host, int port, Optional<URI> publicUrl, String algorithm,
                                  Duration caLifetime, Duration clientSvidLifetime, Duration wfmSvidLifetime,
                                  Duration bundleRefreshHint, Optional<String> caKeyPassphrase,
                                  Optional<Path> caCertificate, Optional<Path> caPrivateKey, List<String> tlsNames,
                                  Optional<Path> tlsCertificate, Optional<Path> tlsPrivateKey,
                                  List<String> demoClients) {
        /** The key algorithms an anchor may have. */
        public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "Ed25519", "RSA-3072");

        @Override
        public String toString() {
            return "IdentityService[host=" + host + ", port=" + port + ", algorithm=" + algorithm + "]";
        }
    }

    /**
     * Bounds on the connections of each listener ({@code wfm.connections.*}, docs/http-robustness.md).
     *
     * @param handshakeTimeout longest TLS handshake, from accept to its end
     * @param headerTimeout    longest time for a request's header fields after its request line
     * @param idleTimeout      longest wait for a request line, between requests and after a handshake
     * @param maxPerListener   most connections open at once per listener; more wait in the accept backlog
     */
    public record Connections(Duration handshakeTimeout, Duration headerTimeout, Duration idleTimeout,
                              int maxPerListener) {
        static Connections read(Values v) {
            return new Connections(
                    v.duration("wfm.connections.handshake-timeout", Duration.ofSeconds(10), Duration.ofMillis(100),
                            Duration.ofMinutes(5)),
                    v.duration("wfm.connections.header-timeout", Duration.ofSeconds(10), Duration.ofMillis(100),
                            Duration.ofMinutes(5)),
                    v.duration("wfm.connections.idle-timeout", Duration.ofSeconds(60), Duration.ofMillis(500),
                            Duration.ofHours(1)),
                    v.integer("wfm.connections.max-per-listener", 10_000, 1, 1_000_000));
        }
    }

    /**
     * The fleet layer's schedule ({@code wfm.fleet.*}).
     *
     * @param sweepInterval   how often every client is reconciled against the fleet deployments (catches up a lost
     *                        request after a crash); default PT5M (with 10,000 clients a sweep is some 10,000
     *                        short transactions)
     * @param rolloutInterval how often the rollout engine advances each running rollout; default PT5S
     * @param staleAfter      a device that has not polled for this long counts as stale in progress; default PT5M
     * @param presenceFlush   how often each instance saves the polls it answered and reads the others'; default PT10S
     */
    public record Fleet(Duration sweepInterval, Duration rolloutInterval, Duration staleAfter,
                        Duration presenceFlush) {
        static Fleet read(Values v) {
            return new Fleet(
                    v.duration("wfm.fleet.sweep-interval", Duration.ofMinutes(5), Duration.ofMillis(100),
                            Duration.ofHours(24)),
                    v.duration("wfm.fleet.rollout-interval", Duration.ofSeconds(5), Duration.ofMillis(100),
                            Duration.ofHours(1)),
                    v.duration("wfm.fleet.stale-after", Duration.ofMinutes(5), Duration.ofSeconds(1),
                            Duration.ofDays(30)),
                    v.duration("wfm.fleet.presence-flush-interval", Duration.ofSeconds(10), Duration.ofMillis(100),
                            Duration.ofMinutes(10)));
        }
    }

    /**
     * The observability listener ({@code wfm.observe.*}, docs/observability.md): plain HTTP, loopback by default,
     * never on the device API listener.
     *
     * @param enabled           whether the listener runs at all
     * @param host              bind address
     * @param port              TCP port (0 picks a free one)
     * @param metricsEnabled    whether metrics are collected and served; false removes every meter from the
     *                          request path
     * @param databaseTimeout   longest wait of the readiness check's database query
     * @param trustBundleMaxAge readiness fails when the trust bundle file was not read successfully for this long
     * @param lastSeenRefresh   how often the clients-by-last-seen gauges are recomputed
     */
    public record Observe(boolean enabled, String host, int port, boolean metricsEnabled, Duration databaseTimeout,
                          Duration trustBundleMaxAge, Duration lastSeenRefresh) {
        static Observe read(Values v, Duration reloadInterval) {
            Duration bundleAge = v.duration("wfm.observe.trust-bundle-max-age",
                    max(Duration.ofMinutes(1), reloadInterval.multipliedBy(3)), Duration.ofSeconds(1),
                    Duration.ofDays(7));
            if (bundleAge.compareTo(reloadInterval) <= 0) {
                throw v.fail("wfm.observe.trust-bundle-max-age", bundleAge.toString(),
                        "a duration longer than wfm.identity.reload-interval (" + reloadInterval + ")");
            }
            return new Observe(
                    v.bool("wfm.observe.enabled", true),
                    v.text("wfm.observe.host", "127.0.0.1"),
                    v.integer("wfm.observe.port", 9464, 0, 65535),
                    v.bool("wfm.observe.metrics.enabled", true),
                    v.duration("wfm.observe.database-timeout", Duration.ofSeconds(2), Duration.ofMillis(100),
                            Duration.ofMinutes(1)),
                    bundleAge,
                    v.duration("wfm.observe.last-seen-refresh", Duration.ofSeconds(15), Duration.ofMillis(100),
                            Duration.ofHours(1)));
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }

    /**
     * Logging ({@code wfm.log.*}).
     *
     * @param json              one JSON object per line instead of the plain text lines
     * @param requestSampleRate the fraction of device API requests written to the request log (0 = none, 1 = all)
     */
    public record Log(boolean json, double requestSampleRate) {
        static Log read(Values v) {
            String format = v.text("wfm.log.format", "text");
            if (!format.equals("text") && !format.equals("json")) {
                throw v.fail("wfm.log.format", format, "text or json");
            }
            return new Log(format.equals("json"), v.fraction("wfm.log.request-sample-rate", 0.01));
        }
    }

    /**
     * @param host      bind address (loopback by default)
     * @param port      TCP port
     * @param token     the operator credential; empty = generated once and kept in dataDir/operator-token
     * @param console   the operator console served on this listener under {@code /console}
     */
    public record Operator(String host, int port, Optional<String> token, Console console) {
    }

    /**
     * The operator console ({@code wfm.console.*}, docs/console.md).
     *
     * @param enabled         whether {@code /console} is served on the operator listener (default true)
     * @param idleTimeout     a session ends after this long without a request (default 30 minutes)
     * @param absoluteTimeout a session ends this long after sign-in, however busy (default 12 hours)
     * @param secureCookie    whether the session cookie is marked {@code Secure}: set it when operators reach the
     *                        listener through a TLS-terminating proxy (default false; the operator listener itself
     *                        speaks plain HTTP on loopback)
     * @param maxSessions     most sessions at once; signing in beyond it ends the least recently used one
     * @param staleAfter      a client without a capability or status report for longer is shown as stale
     *                        (default 1 hour)
     */
    public record Console(boolean enabled, Duration idleTimeout, Duration absoluteTimeout, boolean secureCookie,
                          int maxSessions, Duration staleAfter) {
        static Console read(Values v) {
            return new Console(v.bool("wfm.console.enabled", true),
                    v.duration("wfm.console.idle-timeout", Duration.ofMinutes(30), Duration.ofSeconds(1),
                            Duration.ofHours(24)),
                    v.duration("wfm.console.absolute-timeout", Duration.ofHours(12), Duration.ofSeconds(1),
                            Duration.ofDays(7)),
                    v.bool("wfm.console.secure-cookie", false),
                    v.integer("wfm.console.max-sessions", 1000, 1, 100_000),
                    v.duration("wfm.console.stale-after", Duration.ofHours(1), Duration.ofSeconds(1),
                            Duration.ofDays(365)));
        }
    }

    /**
     * @param url         JDBC URL
     * @param user        user name
     * @param password    password
     * @param maxPoolSize connection pool size
     */
    public record Database(String url, String user, String password, int maxPoolSize) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
        }
    }

    /**
     * Reads and validates the settings under {@code wfm}.
     *
     * @param config the configuration root
     * @param origin where the values came from, named in error messages
     * @throws ConfigError naming the first bad key
     */
    public static WfmSettings from(Config config, String origin) {
        Values v = new Values(config, origin);
        Path cwd = Path.of("").toAbsolutePath();
        Path dataDir = v.path("wfm.data-dir", cwd).orElse(cwd.resolve("wfm-data"));
        String trustDomain = v.text("wfm.trust-domain", "margo.local");
        if (!TRUST_DOMAIN.matcher(trustDomain).matches()) {
            throw v.fail("wfm.trust-domain", trustDomain, "a lower-case DNS-like trust domain name");
        }
        String wfmId = v.text("wfm.wfm-id", "wfm-1");
        if (!SEGMENT.matcher(wfmId).matches() || wfmId.equals(".") || wfmId.equals("..")) {
            throw v.fail("wfm.wfm-id", wfmId, "1-200 RFC 3986 unreserved characters, not '.' or '..'");
        }
        DeviceApi api = new DeviceApi(
                v.text("wfm.device-api.host", "0.0.0.0"),
                v.integer("wfm.device-api.port", 8443, 0, 65535),
                v.integer("wfm.device-api.max-body-bytes", 1 << 20, 1024, 64 << 20),
                v.bool("wfm.device-api.tls12-enabled", false),
                v.duration("wfm.device-api.session-lifetime", Duration.ofMinutes(30), Duration.ofSeconds(1),
                        Duration.ofHours(24)));
        Identity identity = new Identity(
                v.path("wfm.identity.trust-bundle", cwd),
                v.path("wfm.identity.certificate", cwd),
                v.path("wfm.identity.private-key", cwd),
                v.bool("wfm.identity.accept-namespace", false),
                v.duration("wfm.identity.reload-interval", Duration.ofSeconds(10), Duration.ofMillis(100),
                        Duration.ofHours(1)));
        if (identity.supplied() && (identity.trustBundle().isEmpty() || identity.certificate().isEmpty()
                || identity.privateKey().isEmpty())) {
            throw new ConfigError(origin + ": keys 'wfm.identity.trust-bundle', 'wfm.identity.certificate' and "
                    + "'wfm.identity.private-key' must be given together (or none, for the built-in identity service)");
        }
        IdentityService identityService = IdentityServiceSettings.read(v, cwd, identity.supplied());
        Operator operator = new Operator(
                v.text("wfm.operator.host", "127.0.0.1"),
                v.integer("wfm.operator.port", 8081, 0, 65535),
                v.text("wfm.operator.token"),
                Console.read(v));
        String defaultUrl = "jdbc:h2:file:" + dataDir.resolve("db").resolve("wfm")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Database database = new Database(
                v.text("wfm.database.url", defaultUrl),
                v.text("wfm.database.user", "sa"),
                v.text("wfm.database.password", ""),
                v.integer("wfm.database.max-pool-size", 10, 1, 500));
        return new WfmSettings(dataDir, trustDomain, wfmId, api, identity, identityService, operator, database,
                v.duration("wfm.desired-state.cache-ttl", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1)),
                v.integer("wfm.desired-state.cache-max-entries", 500_000, 1, 50_000_000),
                Connections.read(v),
                v.duration("wfm.desired-state.cache-short-ttl", Duration.ofSeconds(1), Duration.ZERO,
                        Duration.ofHours(1)),
                ProxiedDeviceApiSettings.read(v), Fleet.read(v), Observe.read(v, identity.reloadInterval()),
                Log.read(v));
    }
}
