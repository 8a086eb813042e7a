package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.testpki.TestPki;

/** The identity layer behind a real Helidon listener on an ephemeral port, driven by real TLS clients. */
class IdentityServerTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");

    @TempDir
    static Path dir;
    static TestPki.ServerFiles files;
    static InMemoryClientRegistry registry;
    static Identity identity;
    static ScheduledExecutorService scheduler;
    static WebServer server;

    @BeforeAll
    static void startServer() throws IOException {
        files = PKI.writeServerFiles(dir);
        registry = new InMemoryClientRegistry();
        for (String id : new String[] {"dev-ok", "dev-retire", "dev-resume", "dev-rotated"}) {
            registry.accept(id);
        }
        IdentitySettings settings = new IdentitySettings("example.org", "wfm-1", files.trustBundle(), false,
                Duration.ofMinutes(5), Duration.ofMillis(100), false);
        identity = Identity.create(settings, SvidKeyManager.fromFiles(files.certificateChain(), files.privateKey()),
                registry, Clock.systemUTC());
        scheduler = Executors.newSingleThreadScheduledExecutor();
        identity.start(scheduler);
        server = WebServer.builder()
                .host("localhost")
                .port(0)
                .tls(identity.serverTls())
                .routing(routing -> routing.get("/whoami", (request, response) -> {
                    try {
                        response.send(identity.authenticator().authenticate(request.remotePeer().tlsCertificates()));
                    } catch (ProblemException e) {
                        response.status(e.type().status()).send(e.detail());
                    }
                }))
                .build()
                .start();
        assertThat(server.port()).isPositive();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Test
    void get_validSvid_returns200WithClientId() throws Exception {
        HttpResponse<String> response = get(PKI.clientContext(PKI.client("dev-ok")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("dev-ok");
    }

    @Test
    void get_svidViaIntermediate_returns200() throws Exception {
        HttpResponse<String> response = get(PKI.clientContext(PKI.client(PKI.newIntermediate(), "dev-ok")));

        assertThat(response.body()).isEqualTo("dev-ok");
    }

    @Test
    void get_noClientCertificate_handshakeFails() {
        assertThatThrownBy(() -> get(PKI.clientContextWithoutCertificate())).isInstanceOf(IOException.class);
    }

    @Test
    void get_wrongTrustDomain_handshakeFails() {
        assertThatThrownBy(() -> get(PKI.clientContext(PKI.wrongTrustDomain("dev-ok"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void get_wrongSpiffeShape_handshakeFails() {
        TestPki.Svid gateway = PKI.issue(PKI.root(), PKI.leafSpec("spiffe://example.org/margo/gw/dev-ok"));

        assertThatThrownBy(() -> get(PKI.clientContext(gateway))).isInstanceOf(IOException.class);
    }

    @Test
    void get_expiredSvid_handshakeFails() {
        assertThatThrownBy(() -> get(PKI.clientContext(PKI.expiredClient("dev-ok")))).isInstanceOf(IOException.class);
    }

    @Test
    void get_caAsLeaf_handshakeFails() {
        assertThatThrownBy(() -> get(PKI.clientContext(PKI.caAsLeaf("dev-ok")))).isInstanceOf(IOException.class);
    }

    @Test
    void get_rsa3072Leaf_returns200() throws Exception {
        TestPki.Svid rsa = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev-ok")).withRsaKey(3072));

        assertThat(get(PKI.clientContext(rsa)).body()).isEqualTo("dev-ok");
    }

    @Test
    void get_rsa1024Leaf_handshakeFails() {
        TestPki.Svid weak = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev-ok")).withRsaKey(1024));

        assertThatThrownBy(() -> get(PKI.clientContext(weak))).isInstanceOf(IOException.class);
    }

    @Test
    void get_leafWithoutDigitalSignature_handshakeFails() {
        TestPki.Svid leaf = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev-ok")).withoutDigitalSignature());

        assertThatThrownBy(() -> get(PKI.clientContext(leaf))).isInstanceOf(IOException.class);
    }

    @Test
    void get_leafWhoseExtendedKeyUsageLacksClientAuth_handshakeFails() {
        TestPki.Svid leaf = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev-ok")).withoutClientAuth());

        assertThatThrownBy(() -> get(PKI.clientContext(leaf))).isInstanceOf(IOException.class);
    }

    @Test
    void get_unknownCa_handshakeFails() {
        assertThatThrownBy(() -> get(PKI.clientContext(PKI.unknownCaClient("dev-ok"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void get_tls12OnlyClient_handshakeFailsByDefault() {
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient client = HttpClient.newBuilder().sslContext(PKI.clientContext(PKI.client("dev-ok")))
                .sslParameters(tls12).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();

        assertThatThrownBy(() -> client.send(whoami(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void byteSocketListener_noClientCertificateRefusedAndValidSvidAccepted() throws Exception {
        // Helidon's non-NIO accept path applies no SSLParameters of its own; the pinned context must still hold.
        WebServer blocking = WebServer.builder().host("localhost").port(0).useNio(false)
                .tls(identity.serverTls())
                .routing(routing -> routing.get("/whoami", (request, response) -> response.send(
                        identity.authenticator().authenticate(request.remotePeer().tlsCertificates()))))
                .build().start();
        try {
            URI uri = URI.create("https://localhost:" + blocking.port() + "/whoami");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();

            assertThatThrownBy(() -> client(PKI.clientContextWithoutCertificate())
                    .send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
            assertThat(client(PKI.clientContext(PKI.client("dev-ok")))
                    .send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("dev-ok");
        } finally {
            blocking.stop();
        }
    }

    @Test
    void get_unacceptedClient_returns403() throws Exception {
        HttpResponse<String> response = get(PKI.clientContext(PKI.client("dev-stranger")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("client 'dev-stranger' is not accepted by this WFM");
    }

    @Test
    void get_retiredClient_returns403() throws Exception {
        SSLContext context = PKI.clientContext(PKI.client("dev-retire"));
        assertThat(get(context).statusCode()).isEqualTo(200);

        identity.policy().retire("dev-retire");

        HttpResponse<String> response = get(context);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("client 'dev-retire' is retired by this WFM");
    }

    @Test
    void get_newAnchorWrittenToBundle_acceptedAfterReloadWithoutRestart() throws Exception {
        TestPki.Authority newRoot = PKI.newRoot("rotated root");
        SSLContext context = PKI.clientContext(PKI.client(newRoot, "dev-rotated"));
        assertThatThrownBy(() -> get(context)).isInstanceOf(IOException.class);
        long generation = identity.bundles().current().generation();

        TestPki.writeBundleJson(files.trustBundle(), 2, PKI.root(), newRoot);
        awaitGenerationAbove(generation);

        HttpResponse<String> response = get(context);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("dev-rotated");
    }

    @Test
    void rawSocket_secondConnection_resumesTls13SessionWithoutClientCertificate() throws Exception {
        AtomicInteger certificateRequests = new AtomicInteger();
        SSLContext context = PKI.clientContext(PKI.client("dev-resume"), certificateRequests);

        Exchange first = exchange(context);
        Exchange second = exchange(context);

        assertThat(first.status()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(second.status()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(second.body()).isEqualTo("dev-resume");
        assertThat(second.session().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(certificateRequests).hasValue(1);
    }

    @Test
    void rawSocket_resumedSessionAfterRetirement_returns403() throws Exception {
        AtomicInteger certificateRequests = new AtomicInteger();
        SSLContext context = PKI.clientContext(PKI.client("dev-resume-retire"), certificateRequests);
        identity.policy().accept("dev-resume-retire");
        assertThat(exchange(context).status()).isEqualTo("HTTP/1.1 200 OK");

        identity.policy().retire("dev-resume-retire");
        Exchange resumed = exchange(context);

        assertThat(certificateRequests).as("second connection resumed, no new client certificate").hasValue(1);
        assertThat(resumed.status()).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(resumed.body()).isEqualTo("client 'dev-resume-retire' is retired by this WFM");
    }

    private record Exchange(String status, String body, SSLSession session) {
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static Exchange exchange(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Read the head and a Content-Length body; do not wait for the server to close.
            InputStream in = socket.getInputStream();
            String status = line(in);
            int length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
            return new Exchange(status, body, socket.getSession());
        }
    }

    private static void awaitGenerationAbove(long generation) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (identity.bundles().current().generation() <= generation && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(identity.bundles().current().generation()).isGreaterThan(generation);
    }

    private static HttpResponse<String> get(SSLContext context) throws IOException, InterruptedException {
        return client(context).send(whoami(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest whoami() {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/whoami"))
                .timeout(Duration.ofSeconds(10)).build();
    }
}
