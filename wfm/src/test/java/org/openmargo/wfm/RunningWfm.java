package org.openmargo.wfm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A WFM started for a test on free loopback ports with identity material from a {@link TestPki}, and ways to talk to
 * it: an HTTP client per SVID and a raw TLS socket for requests no well-behaved client would send.
 */
final class RunningWfm implements AutoCloseable {
    final TestPki pki;
    final WfmServer server;
    final TestPki.ServerFiles files;

    private RunningWfm(TestPki pki, WfmServer server, TestPki.ServerFiles files) {
        this.pki = pki;
        this.server = server;
        this.files = files;
    }

    static RunningWfm start(Path dir, Map<String, String> extra) throws IOException {
        return start(dir, TestPki.create("plant.example", "wfm-a"), extra);
    }

    static RunningWfm start(Path dir, TestPki pki, Map<String, String> extra) throws IOException {
        TestPki.ServerFiles files = pki.writeServerFiles(dir.resolve("identity"));
        Map<String, String> values = new HashMap<>(Map.of(
                "wfm.data-dir", dir.resolve("data").toString(),
                "wfm.trust-domain", "plant.example",
                "wfm.wfm-id", "wfm-a",
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.operator.port", "0",
                "wfm.identity.trust-bundle", files.trustBundle().toString(),
                "wfm.identity.certificate", files.certificateChain().toString(),
                "wfm.identity.private-key", files.privateKey().toString(),
                "wfm.identity.reload-interval", "PT0.2S"));
        values.put("wfm.observe.port", "0");
        values.putAll(extra);
        WfmSettings settings = WfmSettings.from(Config.just(ConfigSources.create(values)), "test");
        return new RunningWfm(pki, WfmServer.start(settings), files);
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.deviceApiPort() + path);
    }

    HttpClient client(TestPki.Svid svid) {
        return HttpClient.newBuilder().sslContext(pki.clientContext(svid)).version(HttpClient.Version.HTTP_1_1).build();
    }

    HttpResponse<String> operator(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.operatorPort() + path))
                .header("Authorization", "Bearer " + server.operatorToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes on a fresh mTLS connection and returns everything the server answers before closing. */
    String raw(SSLContext tls, byte[] request) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.deviceApiPort())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /**
     * Sends raw bytes on a fresh mTLS connection and returns everything the server writes until it closes the
     * connection, followed by {@code <EOF>}, or by {@code <OPEN>} when the connection was still open after
     * {@code wait}.
     */
    String rawUntilClosed(SSLContext tls, byte[] request, java.time.Duration wait) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.deviceApiPort())) {
            socket.setSoTimeout(Math.toIntExact(wait.toMillis()));
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    got.write(buffer, 0, n);
                }
                return got.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
            } catch (java.net.SocketTimeoutException e) {
                return got.toString(StandardCharsets.ISO_8859_1) + "<OPEN>";
            } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
                return got.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
            }
        }
    }

    /** Reads one HTTP/1.1 response: the head up to the blank line, then Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return got.toString(StandardCharsets.ISO_8859_1);
            }
            got.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String head = got.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            got.write(in.readNBytes(Integer.parseInt(length.group(1))));
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.close();
    }
}
