package org.openmargo.agent.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A scripted WFM for fault tests: mTLS 1.3 on a loopback port with the WFM SVID of a {@link TestPki}, requiring a
 * client certificate under its root. By default it serves the published {@link Release} (manifest with ETag and 304,
 * YAMLs, bundle; anything else 404), answers capabilities PUTs 201 and status POSTs 201, recording every status body it
 * accepted in order. A test changes that per path with {@link #override}, drops every request with
 * {@link #dropEverything}, or takes the WFM away with {@link #down}. Every request is logged with the instant of the
 * test's clock. Thread safe.
 */
final class FaultServer implements AutoCloseable {
    /** One request as received; {@code at} is the test clock's instant. */
    record Request(String method, String path, Instant at, Optional<String> ifNoneMatch) {
    }

    private final HttpsServer server;
    private final TcpGate gate;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    private final Map<String, Function<Request, Reply>> overrides = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private volatile Release release = Release.of(1);
    private volatile boolean down;

    private FaultServer(SSLContext tls, Clock clock) throws IOException {
        this.clock = clock;
        this.server = listen(tls);
        this.gate = TcpGate.start(server.getAddress().getPort(),
                () -> requests.add(new Request("CONNECT", "", clock.instant(), Optional.empty())));
    }

    static FaultServer start(TestPki pki, Clock clock) throws IOException, GeneralSecurityException {
        return new FaultServer(tls(pki), clock);
    }

    private HttpsServer listen(SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                ssl.setProtocols(new String[] {"TLSv1.3"});
                params.setSSLParameters(ssl);
            }
        });
        https.createContext("/", this::handle);
        https.setExecutor(executor);
        https.start();
        return https;
    }

    private static SSLContext tls(TestPki pki) throws IOException, GeneralSecurityException {
        TestPki.Svid svid = pki.wfmServer();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("wfm", svid.key(), new char[0], svid.chainArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", pki.root().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** The port the agent connects to: the gate in front of the HTTPS listener. */
    int port() {
        return gate.port();
    }

    /** Serves {@code next} from now on. */
    void publish(Release next) {
        release = next;
    }

    Release published() {
        return release;
    }

    /** Answers requests for {@code path} with {@code route} instead of the default. */
    void override(String path, Function<Request, Reply> route) {
        overrides.put(path, route);
    }

    void clearOverrides() {
        overrides.clear();
    }

    /** From now on every request is answered by closing its connection; safe to call from inside a route. */
    void dropEverything() {
        down = true;
    }

    /**
     * Takes the WFM away or brings it back on the same port. While away, every connection is reset at once, before
     * TLS, and logged as a {@code CONNECT} request: the agent sees a dead WFM, the test sees every attempt.
     */
    void down(boolean isDown) {
        down = isDown;
        gate.open(!isDown);
    }

    /** Every request received, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every status body accepted (answered 201), in order of arrival. */
    List<String> statuses() {
        return List.copyOf(statuses);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                clock.instant(), Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-None-Match")));
        requests.add(request);
        Function<Request, Reply> override = overrides.get(request.path());
        Reply reply = down ? new Reply.Drop() : override != null ? override.apply(request) : standard(request, body);
        send(exchange, reply);
    }

    private Reply standard(Request request, byte[] body) {
        Release current = release;
        String path = request.path();
        if (request.method().equals("PUT") && path.startsWith("/api/v1/capabilities/")) {
            return Reply.status(201, Map.of());
        }
        if (request.method().equals("POST") && path.startsWith("/api/v1/deployments/") && path.endsWith("/status")) {
            statuses.add(new String(body, StandardCharsets.UTF_8));
            return Reply.status(201, Map.of());
        }
        if (!request.method().equals("GET")) {
            return Reply.status(405, Map.of());
        }
        if (path.equals("/api/v1/deployments")) {
            if (request.ifNoneMatch().filter(current.etag()::equals).isPresent()) {
                return Reply.status(304, Map.of("ETag", current.etag()));
            }
            return new Reply.Answer(200, Map.of("Content-Type", Release.MANIFEST_TYPE, "ETag", current.etag()),
                    current.manifest());
        }
        byte[] artifact = current.artifacts().get(path);
        return artifact == null ? Reply.status(404, Map.of()) : Reply.ok("application/octet-stream", artifact);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        switch (reply) {
            case Reply.Drop d -> throw new ConnectionDropped();
            case Reply.Answer a -> {
                a.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(a.body());
                }
            }
            case Reply.Cut c -> {
                c.whole().headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(c.whole().status(), c.whole().body().length);
                OutputStream out = exchange.getResponseBody();
                out.write(c.whole().body(), 0, c.sent());
                out.flush();
                throw new ConnectionDropped();
            }
        }
    }

    @Override
    public void close() {
        try {
            gate.close();
        } catch (IOException e) {
            // closing anyway
        }
        server.stop(0);
        executor.shutdownNow();
    }

    /** Thrown out of the handler so that the JDK server closes the connection without (finishing) an answer. */
    private static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super("dropped on purpose", null, false, false);
        }
    }
}
