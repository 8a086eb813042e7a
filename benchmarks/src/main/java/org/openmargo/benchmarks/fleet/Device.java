package org.openmargo.benchmarks.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One simulated device: its own identity and {@link SSLContext} (see {@link DeviceTls}), and the agent's poll pass on
 * a NEW connection each time: on its first pass {@code PUT /api/v1/capabilities/{deviceId}}, then
 * {@code GET /api/v1/deployments} with {@code If-None-Match} of the last manifest's ETag; on a 200 it fetches each
 * listed deployment YAML and posts one status report per deployment ({@code adoptedManifestVersion} = the manifest's
 * version), all on that connection, then closes it. Passes of one device never overlap (the scheduler runs the next
 * one after this one ends).
 */
final class Device {
    private static final Pattern VERSION = Pattern.compile("\"manifestVersion\"\\s*:\\s*(\\d+)");
    private static final Pattern DEPLOYMENT = Pattern.compile(
            "\"deploymentId\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"url\"\\s*:\\s*\"([^\"]+)\"");
    private static final String MANIFEST_TYPE = "application/vnd.margo.manifest.v1+json";

    private static final AtomicInteger REPORTED = new AtomicInteger();
    private static volatile boolean stopping;
    private final String clientId;
    private final X509Certificate svid;
    private final SSLContext tls;
    private final SSLParameters parameters;
    private final URI wfm;
    private final InetAddress source;
    private final boolean resume;
    private boolean capabilitiesSent;
    private String etag;
    private long manifestVersion = -1;

    /** @param source the local address to connect from (devices behind a source-hashing balancer), or null */
    Device(String clientId, X509Certificate svid, SSLContext tls, SSLParameters parameters, URI wfm,
           InetAddress source, boolean resume, boolean capabilities) {
        this.source = source;
        this.capabilitiesSent = !capabilities;
        this.clientId = clientId;
        this.svid = svid;
        this.tls = tls;
        this.parameters = parameters;
        this.wfm = wfm;
        this.resume = resume;
    }

    /** The measurement is over: errors from interrupted passes are not worth printing. */
    static void stopping() {
        stopping = true;
    }

    String clientId() {
        return clientId;
    }

    /** One pass; records its outcome into {@code stats}. Never throws. */
    void pass(Stats stats, long scheduledNanos) {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = exchange(stats);
        } catch (IOException | RuntimeException e) {
            stats.error(kind(e));
            if (!stopping && REPORTED.incrementAndGet() <= 3) {
                System.err.println("error of " + clientId + ": " + e
                        + (e instanceof SSLException ? "\n" + svidPem() : ""));
            }
            return;
        }
        long end = System.nanoTime();
        stats.count(outcome);
        stats.latency((end - start) / 1000, Math.max(0, start - scheduledNanos) / 1000);
    }

    private String exchange(Stats stats) throws IOException {
        try (SSLSocket socket = (SSLSocket) (source == null
                ? tls.getSocketFactory().createSocket(wfm.getHost(), wfm.getPort())
                : tls.getSocketFactory().createSocket(wfm.getHost(), wfm.getPort(), source, 0))) {
            socket.setSSLParameters(parameters);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            long before = System.currentTimeMillis();
            socket.startHandshake();
            // A resumed TLS 1.3 session keeps the creation time of the session it resumes.
            stats.count(socket.getSession().getCreationTime() < before ? "tls-resumed" : "tls-full");
            Http http = new Http(socket, wfm.getHost() + ":" + wfm.getPort());
            if (!capabilitiesSent) {
                Http.Response r = http.send("PUT", "/api/v1/capabilities/" + clientId,
                        Map.of("Content-Type", "application/json"), capabilities());
                expect(r, "capabilities", 200, 201);
                capabilitiesSent = true;
                stats.count("capabilities");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", MANIFEST_TYPE);
            if (etag != null) {
                headers.put("If-None-Match", etag);
            }
            Http.Response manifest = http.send("GET", "/api/v1/deployments", headers, new byte[0]);
            if (!resume) {
                socket.getSession().invalidate();
            }
            if (manifest.status() == 304) {
                return "poll-304";
            }
            expect(manifest, "manifest", 200);
            return changed(http, manifest, stats);
        }
    }

    private String changed(Http http, Http.Response manifest, Stats stats) throws IOException {
        String text = manifest.text();
        Matcher v = VERSION.matcher(text);
        if (!v.find()) {
            throw new IOException("manifest without manifestVersion");
        }
        long version = Long.parseLong(v.group(1));
        if (version < manifestVersion) {
            stats.error("manifest-version-regression");
        }
        List<String> deployments = new ArrayList<>();
        Matcher d = DEPLOYMENT.matcher(text);
        while (d.find()) {
            deployments.add(d.group(1));
            Http.Response yaml = http.send("GET", d.group(2), Map.of(), new byte[0]);
            expect(yaml, "deployment", 200);
        }
        for (String id : deployments) {
            String report = "{\"deploymentId\":\"" + id + "\",\"adoptedManifestVersion\":" + version
                    + ",\"status\":{\"state\":\"installed\"},\"components\":[{\"name\":\"fleet-sim-app\","
                    + "\"state\":\"installed\"}]}";
            Http.Response r = http.send("POST", "/api/v1/deployments/" + id + "/status",
                    Map.of("Content-Type", "application/json"), report.getBytes(StandardCharsets.UTF_8));
            expect(r, "status", 200, 201);
            stats.count("status-reports");
        }
        etag = manifest.header("etag");
        manifestVersion = version;
        return "poll-200";
    }

    /** The SVID as PEM, printed with the first TLS errors (to check it with openssl). */
    private String svidPem() {
        try {
            return TestCa.pem("CERTIFICATE", svid.getEncoded());
        } catch (IOException | CertificateEncodingException e) {
            return "";
        }
    }

    private byte[] capabilities() {
        return ("{\"properties\":{\"id\":\"" + clientId + "\",\"vendor\":\"OpenMargo\",\"modelNumber\":\"fleet-sim\","
                + "\"serialNumber\":\"" + clientId + "\",\"roles\":[\"Standalone Device\"],"
                + "\"resources\":{\"cpu\":{\"cores\":2,\"architecture\":\"amd64\"},\"memory\":\"2Gi\","
                + "\"storage\":\"16Gi\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(Http.Response r, String what, int... statuses) throws IOException {
        for (int s : statuses) {
            if (r.status() == s) {
                return;
            }
        }
        throw new StatusException(what + "-" + r.status(), r.text());
    }

    private static String kind(Exception e) {
        if (e instanceof StatusException s) {
            return "http " + s.kind;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass().getSimpleName() + (message.length() > 60 ? ": " + message.substring(0, 60) : ": " + message);
    }

    /** A response with an unexpected status. */
    static final class StatusException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String kind;

        StatusException(String kind, String body) {
            super(kind + " " + (body.length() > 200 ? body.substring(0, 200) : body));
            this.kind = kind;
        }
    }
}
