package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, bounded fuzzing of the device API over real mTLS connections: {@value #WORKERS} workers send
 * {@value #PER_WORKER} malformed requests each ({@link MalformedRequests}), on kept-alive connections that are
 * reopened (with TLS session resumption) whenever the server closes one. No answer may be a 5xx, no request may be
 * left without an answer or a close, and a well-formed request must be served normally afterwards.
 */
class DeviceApiFuzzTest {
    private static final long SEED = 20261204L;
    private static final int WORKERS = 4;
    private static final int PER_WORKER = 2_600;
    private static final int READ_TIMEOUT_MS = 2_000;
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    @TempDir
    Path dir;

    @Test
    void malformedRequests_neverGetA5xxAndLeaveTheServerServing() throws Exception {
        try (RunningWfm wfm = RunningWfm.start(dir, Map.of("wfm.device-api.max-body-bytes", "65536",
                "wfm.connections.header-timeout", "PT2S"))) {
            wfm.operator("POST", "/operator/v1/clients/fuzzer/accept", null);
            wfm.operator("POST", "/operator/v1/clients/dev-1/accept", null);
            SSLContext tls = wfm.pki.clientContext(wfm.pki.client("fuzzer"));
            Findings findings = new Findings();
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                MalformedRequests requests = new MalformedRequests(SEED + w);
                workers.add(Thread.ofVirtual().start(() -> fuzz(wfm, tls, requests, findings)));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            System.out.println("fuzz: " + findings.sent + " requests, statuses " + findings.statuses
                    + ", unanswered " + findings.unanswered.size() + ", in " + (System.nanoTime() - start) / 1_000_000
                    + " ms");

            assertThat(findings.sent.get()).isGreaterThanOrEqualTo(10_000);
            assertThat(findings.serverErrors).as("5xx answers (request, answer)").isEmpty();
            assertThat(findings.unanswered).as("requests with neither an answer nor a close").isEmpty();
            assertThat(findings.failures).as("client-side failures").isEmpty();
            assertThat(findings.statuses.keySet()).as("statuses seen").contains(400, 404);

            HttpResponse<String> manifest = wfm.client(wfm.pki.client("dev-1")).send(
                    HttpRequest.newBuilder(wfm.uri("/api/v1/deployments")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(manifest.statusCode()).isEqualTo(200);
            assertThat(manifest.body()).isEqualTo("{\"bundle\":null,\"deployments\":[],\"manifestVersion\":1}");
            HttpResponse<String> put = wfm.client(wfm.pki.client("dev-1")).send(
                    HttpRequest.newBuilder(wfm.uri("/api/v1/capabilities/d"))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(MalformedRequests.CAPS)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(201);
        }
    }

    /** What the workers saw; shared and thread safe. */
    static final class Findings {
        final AtomicInteger sent = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    }

    private static void fuzz(RunningWfm wfm, SSLContext tls, MalformedRequests requests, Findings findings) {
        SSLSocket socket = null;
        try {
            for (int i = 0; i < PER_WORKER; i++) {
                byte[] request = requests.next();
                if (socket == null) {
                    socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1",
                            wfm.server.deviceApiPort());
                    socket.setSoTimeout(READ_TIMEOUT_MS);
                }
                findings.sent.incrementAndGet();
                if (!exchange(socket, request, findings)) {
                    socket.close();
                    socket = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            findings.failures.add(e.toString());
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    findings.failures.add(e.toString());
                }
            }
        }
    }

    /** Sends one request and checks every answer it gets; false when the connection is closed (or must be). */
    private static boolean exchange(SSLSocket socket, byte[] request, Findings findings) throws IOException {
        String shown = show(request);
        try {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            return false; // the server already closed (a previous answer said so, or the request line was refused)
        }
        InputStream in = socket.getInputStream();
        boolean answered = false;
        try {
            do {
                String head = readHead(in);
                if (head == null) {
                    return false;
                }
                Matcher status = STATUS.matcher(head);
                if (!status.find()) {
                    findings.failures.add("not an HTTP answer to " + shown + ": " + head);
                    return false;
                }
                int code = Integer.parseInt(status.group(1));
                findings.statuses.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
                if (code >= 500) {
                    findings.serverErrors.add(shown + " -> " + head.lines().findFirst().orElse(""));
                }
                Matcher length = LENGTH.matcher(head);
                if (length.find()) {
                    in.readNBytes(Integer.parseInt(length.group(1)));
                }
                if (code == 100) {
                    continue;
                }
                answered = true;
                if (head.toLowerCase(java.util.Locale.ROOT).contains("connection: close")) {
                    return false;
                }
            } while (in.available() > 0 || !answered);
            return true;
        } catch (SocketTimeoutException e) {
            findings.unanswered.add(shown);
            return false;
        } catch (IOException e) {
            return false; // closed (reset) by the server
        }
    }

    /** The head of one answer up to its blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return got.size() == 0 ? null : got.toString(StandardCharsets.ISO_8859_1);
            }
            got.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private static String show(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
