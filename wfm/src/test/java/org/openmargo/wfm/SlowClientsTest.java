package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris on loopback: 500 connections that stall in the TLS handshake, in the request line or in the header
 * fields. A normal mTLS client is still served while they are open, and each slow one is closed within its configured
 * bound (plus the watchdog's tick and this test's detection delay), with no warning or stack trace in the log.
 */
class SlowClientsTest {
    private static final Duration HANDSHAKE = Duration.ofSeconds(6);
    private static final Duration HEADER = Duration.ofSeconds(6);
    private static final Duration IDLE = Duration.ofSeconds(7);
    private static final Duration SLACK = Duration.ofMillis(2500);
    private static final int SILENT = 300;
    private static final int PARTIAL_HELLO = 120;
    private static final int SLOW_HEADERS = 40;
    private static final int SLOW_REQUEST_LINE = 40;

    @TempDir
    Path dir;

    /** One slow connection: when its bounded phase started and when the server closed it. */
    record Slow(String kind, Duration bound, long phaseStart, long closedAt) {
        Duration took() {
            return Duration.ofNanos(closedAt - phaseStart);
        }
    }

    @Test
    void slowloris_normalClientServedAndSlowOnesClosedWithinTheirBounds() throws Exception {
        ConcurrentLinkedQueue<LogRecord> logged = new ConcurrentLinkedQueue<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try (RunningWfm wfm = RunningWfm.start(dir, Map.of(
                "wfm.connections.handshake-timeout", HANDSHAKE.toString(),
                "wfm.connections.header-timeout", HEADER.toString(),
                "wfm.connections.idle-timeout", IDLE.toString()))) {
            wfm.operator("POST", "/operator/v1/clients/dev-1/accept", null);
            wfm.operator("POST", "/operator/v1/clients/slow/accept", null);
            SSLContext slowTls = wfm.pki.clientContext(wfm.pki.client("slow"));
            int port = wfm.server.deviceApiPort();
            int total = SILENT + PARTIAL_HELLO + SLOW_HEADERS + SLOW_REQUEST_LINE;
            ConcurrentLinkedQueue<Slow> closed = new ConcurrentLinkedQueue<>();
            CountDownLatch allClosed = new CountDownLatch(total);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SLOW_HEADERS; i++) {
                threads.add(tlsTrickler(slowTls, port, "GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n",
                        "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "header", HEADER, closed, allClosed));
            }
            for (int i = 0; i < SLOW_REQUEST_LINE; i++) {
                threads.add(tlsTrickler(slowTls, port, "", "GET /api/v1/deployments?" + "a".repeat(1500),
                        "request-line", IDLE, closed, allClosed));
            }
            for (int i = 0; i < SILENT; i++) {
                threads.add(rawSocket(port, new byte[0], "silent", closed, allClosed));
            }
            for (int i = 0; i < PARTIAL_HELLO; i++) {
                threads.add(rawSocket(port, new byte[] {0x16, 0x03, 0x01, 0x02}, "partial-hello", closed,
                        allClosed));
            }

            long before = System.nanoTime();
            HttpResponse<String> normal = wfm.client(wfm.pki.client("dev-1")).send(
                    HttpRequest.newBuilder(wfm.uri("/api/v1/deployments")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int stillOpenWhenServed = total - closed.size();

            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(normal.body()).contains("\"manifestVersion\"");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(HANDSHAKE);
            assertThat(stillOpenWhenServed).as("closed before the normal client was served: %s", closed)
                    .isEqualTo(total);
            assertThat(allClosed.await(IDLE.plus(SLACK).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS))
                    .as("all %d slow connections closed; closed so far: %d", total, closed.size()).isTrue();
            for (Slow slow : closed) {
                assertThat(slow.took()).as(slow.kind()).isLessThanOrEqualTo(slow.bound().plus(SLACK));
            }
            for (Thread t : threads) {
                t.join(1000);
            }
        } finally {
            root.removeHandler(handler);
        }
        assertThat(logged).as("warnings or worse").extracting(r -> r.getLevel() + " " + r.getMessage()).isEmpty();
    }

    /** A raw TCP connection that sends {@code first} and then nothing; the virtual thread waits for the close. */
    private static Thread rawSocket(int port, byte[] first, String kind, ConcurrentLinkedQueue<Slow> closed,
                                    CountDownLatch allClosed) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        long start = System.nanoTime();
        socket.getOutputStream().write(first);
        socket.getOutputStream().flush();
        return Thread.ofVirtual().start(() -> {
            try (socket; InputStream in = socket.getInputStream()) {
                while (in.read() >= 0) {
                    // the server sends nothing before the handshake; wait for its close
                }
            } catch (IOException e) {
                // reset by the server: closed as well
            }
            closed.add(new Slow(kind, HANDSHAKE, start, System.nanoTime()));
            allClosed.countDown();
        });
    }

    /**
     * An mTLS connection that sends {@code head} at once, then {@code trickle} one byte every 250 ms, until a write
     * fails because the server closed the connection.
     */
    private static Thread tlsTrickler(SSLContext tls, int port, String head, String trickle, String kind,
                                      Duration bound, ConcurrentLinkedQueue<Slow> closed, CountDownLatch allClosed)
            throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        return Thread.ofVirtual().start(() -> {
            try (socket) {
                for (int i = 0; ; i = (i + 1) % trickle.length()) {
                    out.write(trickle.charAt(i));
                    out.flush();
                    Thread.sleep(250);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection
            }
            closed.add(new Slow(kind, bound, start, System.nanoTime()));
            allClosed.countDown();
        });
    }
}
