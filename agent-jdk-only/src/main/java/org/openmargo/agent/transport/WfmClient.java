package org.openmargo.agent.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * The agent's mTLS connection to its WFM (spec b.1, g). One {@link HttpClient} (HTTP/1.1, no redirects; the JVM's
 * default proxy selector, whose CONNECT tunnel keeps TLS end to end) with its own {@link SSLContext} serves every call, so idle connections are kept alive and new connections resume
 * the TLS 1.3 session when the WFM issued a ticket: the full handshake is most of a poll's cost on both sides.
 *
 * <p>TLS: TLS 1.3 only, TLS 1.2 with RFC 9325 AEAD/ECDHE suites only when {@link Settings#tls12Enabled()}. The client
 * presents its {@link Svid} and accepts the server through a {@link WfmTrustManager} expecting
 * {@link Svid#wfmSpiffeId()}; endpoint identification is off in the parameters given to the client, and the JDK's
 * HttpClient, which sets {@code HTTPS} on its engines regardless, leaves the check to that trust manager, which does
 * not look at host names. Cached client sessions live at most {@link Settings#sessionLifetime()}.
 *
 * <p>Trust bundle changes: the anchors are read from the supplier at every handshake. When {@link #send} sees that
 * they changed since the last call, it drops the cached TLS sessions and the open connections first, because a
 * resumed session or a kept-alive connection would skip validation against the new bundle.
 *
 * <p>Thread safety: {@link #send} may be called concurrently; {@link #reconnect()}, {@link #rebuild(Svid)} and
 * {@link #close()} swap the connection atomically and let requests in flight on the old one finish.
 */
public final class WfmClient implements AutoCloseable {
    private static final String[] TLS13_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256"};
    private static final String[] TLS12_SUITES = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

    /**
     * How to reach the WFM.
     *
     * @param baseUri         the WFM's https base URI, for example {@code https://wfm.example:443}; request paths are
     *                        appended to it
     * @param connectTimeout  TCP and TLS connect timeout
     * @param requestTimeout  time allowed for one request until the response head arrives
     * @param maxBodyBytes    the largest response body accepted; bigger ones fail with an {@link IOException}
     * @param sessionLifetime how long a cached TLS session may be resumed
     * @param tls12Enabled    whether TLS 1.2 is offered as a fallback (spec b.1: off by default; leaks the SVID)
     */
    public record Settings(URI baseUri, Duration connectTimeout, Duration requestTimeout, long maxBodyBytes,
                           Duration sessionLifetime, boolean tls12Enabled) {
        public Settings {
            if (!"https".equalsIgnoreCase(baseUri.getScheme()) || baseUri.getHost() == null) {
                throw new IllegalArgumentException("the WFM URI must be https with a host: " + baseUri);
            }
            if (maxBodyBytes < 0 || sessionLifetime.isNegative()) {
                throw new IllegalArgumentException("maxBodyBytes and sessionLifetime must not be negative");
            }
        }

        /** Defaults: connect 10 s, request 60 s, body cap 64 MiB, sessions 30 min, TLS 1.3 only. */
        public static Settings of(URI baseUri) {
            return new Settings(baseUri, Duration.ofSeconds(10), Duration.ofSeconds(60), 64L << 20,
                    Duration.ofMinutes(30), false);
        }

        public Settings withMaxBodyBytes(long bytes) {
            return new Settings(baseUri, connectTimeout, requestTimeout, bytes, sessionLifetime, tls12Enabled);
        }

        public Settings withTls12Enabled(boolean enabled) {
            return new Settings(baseUri, connectTimeout, requestTimeout, maxBodyBytes, sessionLifetime, enabled);
        }
    }

    private record Connection(Svid svid, SSLContext tls, HttpClient http) {
    }

    private final Settings settings;
    private final Supplier<? extends List<X509Certificate>> anchors;
    private final Clock clock;
    private final String base;
    private final AtomicLong certificateRequests = new AtomicLong();
    private volatile Connection connection;
    private volatile List<X509Certificate> anchorsInUse;

    private WfmClient(Settings settings, Svid svid, Supplier<? extends List<X509Certificate>> anchors, Clock clock) {
        this.settings = settings;
        this.anchors = anchors;
        this.clock = clock;
        String uri = settings.baseUri().toString();
        this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.anchorsInUse = List.copyOf(anchors.get());
        this.connection = connect(svid, null);
    }

    /**
     * A client for the WFM at {@code settings.baseUri()}. Nothing is sent until the first {@link #send}.
     *
     * @param anchors the current trust anchors, for example {@code trustStore::anchors}; asked on every handshake
     */
    public static WfmClient create(Settings settings, Svid svid, Supplier<? extends List<X509Certificate>> anchors) {
        return create(settings, svid, anchors, Clock.systemUTC());
    }

    /** As {@link #create(Settings, Svid, Supplier)}, checking certificate validity at {@code clock}'s instant. */
    public static WfmClient create(Settings settings, Svid svid, Supplier<? extends List<X509Certificate>> anchors,
                                  Clock clock) {
        return new WfmClient(Objects.requireNonNull(settings), Objects.requireNonNull(svid),
                Objects.requireNonNull(anchors), Objects.requireNonNull(clock));
    }

    /**
     * Sends one request and reads the whole response. Any status is a normal return; the caller decides.
     *
     * @throws IOException          on connection, TLS (including a refused WFM identity) or timeout failures, and when
     *                              the body exceeds {@link Settings#maxBodyBytes()}
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if a header is one the JDK client does not let callers set
     */
    public WfmResponse send(WfmRequest request) throws IOException, InterruptedException {
        dropSessionsIfAnchorsChanged();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(settings.requestTimeout())
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = connection.http().send(builder.build(),
                CappedBody.handler(settings.maxBodyBytes()));
        return new WfmResponse(response.statusCode(), response.headers().map(), response.body());
    }

    /**
     * Closes the open connections; the next call connects anew and resumes the cached TLS session if it may. Use it
     * when a connection is suspected stale, for example after a network change.
     */
    public synchronized void reconnect() {
        Connection old = connection;
        connection = new Connection(old.svid(), old.tls(), http(old.tls()));
        old.http().shutdown();
    }

    /**
     * Switches to a renewed SVID: a new TLS context (no session of the old identity is resumed) and new
     * connections, so the WFM sees the new certificate on the next call (spec b.1: reconnect after renewal).
     *
     * @throws IllegalArgumentException if the new SVID belongs to another WFM or trust domain
     */
    public synchronized void rebuild(Svid renewed) {
        Connection old = connection;
        if (!renewed.wfmSpiffeId().equals(old.svid().wfmSpiffeId())) {
            throw new IllegalArgumentException("renewed SVID " + renewed.spiffeId() + " belongs to another WFM than "
                    + old.svid().wfmSpiffeId() + "; create a new WfmClient instead");
        }
        connection = connect(renewed, old);
    }

    /**
     * The number of full TLS handshakes so far, counted as the WFM's requests for the client certificate (a resumed
     * TLS 1.3 session has none). For monitoring: a count that grows with every poll means resumption is not working.
     */
    public long fullHandshakes() {
        return certificateRequests.get();
    }

    /** The SVID currently presented. */
    public Svid svid() {
        return connection.svid();
    }

    /** Closes all connections; requests in flight complete. */
    @Override
    public synchronized void close() {
        connection.http().shutdown();
    }

    private void dropSessionsIfAnchorsChanged() {
        List<X509Certificate> current = anchors.get();
        if (current.equals(anchorsInUse)) {
            return;
        }
        synchronized (this) {
            if (!current.equals(anchorsInUse)) {
                anchorsInUse = List.copyOf(current);
                SSLSessionContext sessions = connection.tls().getClientSessionContext();
                Collections.list(sessions.getIds()).forEach(id -> {
                    var session = sessions.getSession(id);
                    if (session != null) {
                        session.invalidate();
                    }
                });
                reconnect();
            }
        }
    }

    private Connection connect(Svid svid, Connection old) {
        SSLContext tls = tls(svid);
        Connection fresh = new Connection(svid, tls, http(tls));
        if (old != null) {
            old.http().shutdown();
        }
        return fresh;
    }

    private SSLContext tls(Svid svid) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {new SvidKeyManager(svid, certificateRequests)},
                    new TrustManager[] {new WfmTrustManager(anchors, svid.wfmSpiffeId(), clock)},
                    new SecureRandom());
            tls.getClientSessionContext().setSessionTimeout((int) Math.min(Integer.MAX_VALUE,
                    Math.max(1, settings.sessionLifetime().toSeconds())));
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
        }
    }

    private HttpClient http(SSLContext tls) {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        if (settings.tls12Enabled()) {
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            String[] suites = new String[TLS13_SUITES.length + TLS12_SUITES.length];
            System.arraycopy(TLS13_SUITES, 0, suites, 0, TLS13_SUITES.length);
            System.arraycopy(TLS12_SUITES, 0, suites, TLS13_SUITES.length, TLS12_SUITES.length);
            parameters.setCipherSuites(suites);
        } else {
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setCipherSuites(TLS13_SUITES);
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .sslContext(tls)
                .sslParameters(parameters)
                .build();
    }
}
