package org.openmargo.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load driver for a running WFM (started by {@code benchmarks/run-poll-load.sh}). It uses client SVIDs from the
 * WFM's built-in identity service (demo clients issued at its start), accepts them through the operator API, then measures on loopback:
 * <ol>
 *   <li>throughput of {@code GET /api/v1/deployments} answered 304 over keep-alive mTLS connections;</li>
 *   <li>server CPU per poll on a fresh connection with a full TLS 1.3 handshake;</li>
 *   <li>server CPU per poll on a fresh connection that resumes the TLS 1.3 session.</li>
 * </ol>
 * Server CPU is read from {@code /proc/<pid>/stat} of the WFM process. All traffic goes to 127.0.0.1; every loop is
 * bounded in count or time.
 */
public final class PollLoad {
    private PollLoad() {
    }

    public static void main(String[] args) throws Exception {
        // The WFM's SVID names a SPIFFE ID, not a host: Margo clients do not check host names (spec b.1).
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        Path dataDir = Path.of(arg(args, "--data-dir"));
        int port = Integer.parseInt(arg(args, "--port"));
        int operatorPort = Integer.parseInt(arg(args, "--operator-port"));
        long pid = Long.parseLong(arg(args, "--pid"));
        int seconds = Integer.parseInt(argOr(args, "--seconds", "15"));
        int concurrency = Integer.parseInt(argOr(args, "--concurrency", "8"));
        int handshakes = Integer.parseInt(argOr(args, "--handshakes", "1000"));
        int warmup = Integer.parseInt(argOr(args, "--warmup", "1000"));

        String token = Files.readString(dataDir.resolve("operator-token")).trim();
        List<SSLContext> contexts = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            String clientId = "load-" + i;
            // Issued by the WFM at its start (wfm.identity-service.demo-client, set by run-poll-load.sh).
            Path dir = dataDir.resolve("pki/clients").resolve(clientId);
            if (!Files.exists(dir.resolve("svid.pem"))) {
                throw new IllegalStateException("no SVID for " + clientId + " in " + dir + ": start the WFM with "
                        + "-Dwfm.identity-service.demo-client=load-0,...,load-" + (concurrency - 1));
            }
            accept(operatorPort, token, clientId);
            contexts.add(context(dir));
        }
        URI manifest = URI.create("https://127.0.0.1:" + port + "/api/v1/deployments");

        keepAlive(manifest, contexts, Math.max(2, seconds / 3), pid, "warm-up ");
        keepAlive(manifest, contexts, seconds, pid, "");
        Path first = dataDir.resolve("pki/clients/load-0");
        freshConnections("full handshake", port, warmup, handshakes, pid, () -> context(first));
        SSLContext shared = context(first);
        freshConnections("resumed session", port, warmup, handshakes, pid, () -> shared);
    }

    private static void keepAlive(URI manifest, List<SSLContext> contexts, int seconds, long pid, String label)
            throws Exception {
        LongAdder answered304 = new LongAdder();
        LongAdder other = new LongAdder();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        long cpuBefore = ProcCpu.total(pid);
        long start = System.nanoTime();
        for (SSLContext ctx : contexts) {
            Thread t = Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();
                try {
                    String etag = http.send(HttpRequest.newBuilder(manifest).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).headers().firstValue("ETag").orElseThrow();
                    HttpRequest conditional = HttpRequest.newBuilder(manifest).header("If-None-Match", etag).build();
                    while (System.nanoTime() < deadline) {
                        int status = http.send(conditional, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 304 ? answered304 : other).increment();
                    }
                } catch (Exception e) {
                    other.increment();
                    System.err.println("keep-alive client failed: " + e);
                }
            });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = ProcCpu.total(pid) - cpuBefore;
        System.out.printf(Locale.ROOT, label + "keep-alive 304: %d connections, %.1f s, %d answered 304 (%d other): "
                        + "%.0f polls/s, server CPU %.3f ms/poll%n", contexts.size(), elapsed, answered304.sum(),
                other.sum(), answered304.sum() / elapsed, (double) cpu / Math.max(1, answered304.sum()));
    }

    private static void freshConnections(String label, int port, int warmup, int count, long pid,
                                         ContextSource source) throws Exception {
        // Warm-up: let the JIT compile the handshake paths before anything is measured.
        for (int i = 0; i < warmup; i++) {
            poll(port, source.get());
        }
        long cpuBefore = ProcCpu.total(pid);
        long jitBefore = ProcCpu.compiler(pid);
        long start = System.nanoTime();
        int resumed = 0;
        for (int i = 0; i < count; i++) {
            resumed += poll(port, source.get()) ? 1 : 0;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = ProcCpu.total(pid) - cpuBefore;
        long jit = ProcCpu.compiler(pid) - jitBefore;
        System.out.printf(Locale.ROOT, "%s: %d new connections in %.1f s (%d resumed), server CPU %.3f ms/poll "
                        + "(of which JIT compiler threads %.3f)%n",
                label, count, elapsed, resumed, (double) cpu / count, (double) jit / count);
    }

    /** One poll on a new connection; returns whether the TLS session was resumed. */
    private static boolean poll(int port, SSLContext ctx) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            long before = System.currentTimeMillis();
            s.startHandshake();
            // A resumed TLS 1.3 session keeps the creation time of the session it resumes.
            boolean resumed = s.getSession().getCreationTime() < before;
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected answer: " + head);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)")
                    .matcher(head);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
            return resumed;
        }
    }

    /** Reads a response head up to the blank line (the server keeps the socket open until the client closes). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void accept(int operatorPort, String token, String clientId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + operatorPort + "/operator/v1/clients/" + clientId + "/accept"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("operator refused to accept " + clientId + ": " + r.body());
        }
    }

    private static final java.util.Map<Path, Object[]> MANAGERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A new SSLContext (so a new, empty client session cache: no resumption) over key and trust managers built once
     * per client: building a PKCS12 key store costs the client tens of milliseconds of key derivation.
     */
    private static SSLContext context(Path clientDir) throws Exception {
        Object[] managers = MANAGERS.get(clientDir);
        if (managers == null) {
            managers = managers(clientDir);
            MANAGERS.put(clientDir, managers);
        }
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init((javax.net.ssl.KeyManager[]) managers[0], (javax.net.ssl.TrustManager[]) managers[1], null);
        return ctx;
    }

    private static Object[] managers(Path clientDir) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Certificate[] chain = cf.generateCertificates(new ByteArrayInputStream(
                Files.readAllBytes(clientDir.resolve("svid.pem")))).toArray(Certificate[]::new);
        String pem = Files.readString(clientDir.resolve("svid.key"));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("svid", key, new char[0], chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        X509Certificate anchor = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
                Files.readAllBytes(clientDir.resolve("bundle.pem"))));
        trust.setCertificateEntry("anchor", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return new Object[] {kmf.getKeyManagers(), tmf.getTrustManagers()};
    }

    private static String arg(String[] args, String name) {
        int i = Arrays.asList(args).indexOf(name);
        if (i < 0 || i + 1 >= args.length) {
            throw new IllegalArgumentException("missing " + name);
        }
        return args[i + 1];
    }

    private static String argOr(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i < 0 || i + 1 >= args.length ? fallback : args[i + 1];
    }

    @FunctionalInterface
    private interface ContextSource {
        SSLContext get() throws Exception;
    }
}
