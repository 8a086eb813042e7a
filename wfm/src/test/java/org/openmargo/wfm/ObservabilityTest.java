package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.identityservice.ClientCredentials;
import org.openmargo.wfm.testpki.Csrs;

/**
 * The observability listener of a real WFM (built-in identity service, H2) after real traffic: mTLS polls, a
 * capabilities report, a status report and an enrollment move the counters of a real scrape, which promtool accepts;
 * readiness is up; nothing of it is served on the device API listener.
 */
class ObservabilityTest {
    private static final String STATUS = """
            {"deploymentId":"a3e2f5dc-912e-494f-8395-52cf3769bc06","deviceId":"dev-1","adoptedManifestVersion":1,
             "status":{"state":"installing","error":{"code":"","source":"","message":""}},
             "components":[{"name":"broker","state":"installing"},{"name":"dashboard","state":"installed"}]}""";
    private static final String CAPABILITIES = "{\"properties\":{\"id\":\"dev-1\",\"vendor\":\"v\","
            + "\"modelNumber\":\"m\",\"serialNumber\":\"s\"}}";

    @TempDir
    static Path dir;
    static BuiltInWfm wfm;
    static HttpClient device;
    static final HttpClient plain = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        wfm = BuiltInWfm.start(dir, Map.of("wfm.observe.last-seen-refresh", "PT0.1S"));
        device = wfm.client(wfm.acceptedClient("line-1"));
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    @Test
    void scrape_afterPollsReportsAndEnrollment_countersMovedAndPromtoolAcceptsIt() throws Exception {
        HttpResponse<String> assigned = wfm.operator("PUT", "/operator/v1/clients/line-1/deployments",
                Files.readString(Path.of("../examples/hello-deployment.yaml")));
        assertThat(assigned.statusCode()).as(assigned.body()).isIn(200, 201);
        String deploymentId = Json.createReader(new java.io.StringReader(assigned.body())).readObject()
                .getString("deploymentId");
        Map<String, Double> before = samples(scrape());

        HttpResponse<String> first = device.send(get("/api/v1/deployments").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThat(device.send(get("/api/v1/deployments").header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(304);
        }
        assertThat(device.send(put("/api/v1/capabilities/dev-1", CAPABILITIES), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(201);
        HttpResponse<String> status = device.send(post("/api/v1/deployments/" + deploymentId + "/status",
                STATUS.replace("a3e2f5dc-912e-494f-8395-52cf3769bc06", deploymentId)), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isIn(200, 201);
        assertThat(enroll().statusCode()).isEqualTo(201);
        Thread.sleep(300); // two last-seen refreshes

        String exposition = scrape();
        Files.writeString(Path.of("target/observe-scrape.txt"), exposition);
        Map<String, Double> after = samples(exposition);
        assertThat(delta(before, after, "openmargo_wfm_manifest_polls_total{answer=\"full\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "openmargo_wfm_manifest_polls_total{answer=\"not_modified\"")).isEqualTo(3);
        assertThat(delta(before, after,
                "openmargo_wfm_device_requests_total{endpoint=\"manifest\",status_class=\"3xx\"")).isEqualTo(3);
        assertThat(delta(before, after, "openmargo_wfm_device_request_duration_seconds_count{endpoint=\"manifest\""))
                .isEqualTo(4);
        assertThat(delta(before, after, "openmargo_wfm_capabilities_reports_total{outcome=\"created\"")).isEqualTo(1);
        assertThat(delta(before, after, "openmargo_wfm_status_reports_total{state=\"installing\"")).isEqualTo(1);
        assertThat(delta(before, after, "openmargo_wfm_enrollments_total{outcome=\"issued\"")).isEqualTo(1);
        assertThat(value(after, "openmargo_wfm_tls_handshakes_total{client_certificate=\"accepted\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "openmargo_wfm_clients_last_seen{age=\"under_5m\"")).isEqualTo(1);
        assertThat(value(after, "openmargo_wfm_manifest_cache_entries{")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "openmargo_wfm_db_pool_max_connections{")).isEqualTo(10);
        assertThat(delta(before, after, "openmargo_wfm_db_transaction_duration_seconds_count{")).isGreaterThan(0);
        assertThat(value(after, "openmargo_wfm_svid_expiry_seconds{")).isGreaterThan(3600);
        assertThat(exposition).contains("jvm_").doesNotContain("line-1");
        promtoolAccepts(exposition);
    }

    @Test
    void readiness_runningWfm_upWithEveryCheck() throws Exception {
        HttpResponse<String> ready = plain.send(HttpRequest.newBuilder(observe("/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"").contains("\"identity\"").contains("\"trust-bundle\"")
                .doesNotContain("DOWN");
        assertThat(plain.send(HttpRequest.newBuilder(observe("/observe/health/live")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(200, 204);
    }

    @Test
    void deviceApiListener_observePaths_notServed() throws Exception {
        for (String path : new String[] {"/observe/health", "/observe/metrics", "/openapi/device-api.yaml"}) {
            assertThat(device.send(get(path).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as(path).isEqualTo(404);
        }
    }

    private static HttpResponse<String> enroll() throws Exception {
        HttpResponse<String> created = wfm.operator("POST", "/operator/v1/enrollment-tokens",
                "{\"clientId\":\"line-2\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = Json.createReader(new java.io.StringReader(created.body())).readObject().getString("token");
        String body = Json.createObjectBuilder().add("token", token).add("csr", Csrs.p256().pem()).build().toString();
        // The MIS listener's certificate is pinned by devices; this test checks the counters, not the pin.
        HttpClient mis = HttpClient.newBuilder().sslContext(trustAll()).build();
        return mis.send(HttpRequest.newBuilder(wfm.misUri("/x-openmargo/enrollment/v1/enroll"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String scrape() throws Exception {
        HttpResponse<String> res = plain.send(HttpRequest.newBuilder(observe("/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    static URI observe(String path) {
        return URI.create("http://127.0.0.1:" + wfm.server.observePort() + path);
    }

    /** Every sample line as "name{labels" (labels without the closing brace, so a prefix names it) to value. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*)?\\}? (\\S+)$");
        for (String l : exposition.split("\n")) {
            Matcher m = line.matcher(l);
            if (!l.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "{" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    /**
     * The value of the one sample named like {@code selector} ({@code name{label="v",...}}, without the closing brace)
     * that carries each label of it, whatever other labels it has and in whatever order.
     */
    static double value(Map<String, Double> samples, String selector) {
        var matching = samples.entrySet().stream().filter(e -> matches(e.getKey(), selector)).toList();
        assertThat(matching).as("samples starting with " + selector).hasSize(1);
        return matching.getFirst().getValue();
    }

    private static boolean matches(String sample, String selector) {
        int brace = selector.indexOf('{');
        if (!sample.startsWith(selector.substring(0, brace + 1))) {
            return false;
        }
        for (String label : selector.substring(brace + 1).split(",")) {
            if (!label.isEmpty() && !sample.contains(label)) {
                return false;
            }
        }
        return true;
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String prefix) {
        boolean existed = before.keySet().stream().anyMatch(k -> matches(k, prefix));
        return value(after, prefix) - (existed ? value(before, prefix) : 0);
    }

    static void promtoolAccepts(String exposition) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is not installed (Debian package prometheus; .ci/run "
                + "installs it): the exposition was not checked by a real parser");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(wfm.device(path)).header("Accept", "application/vnd.margo.manifest.v1+json");
    }

    private static HttpRequest put(String path, String json) {
        return HttpRequest.newBuilder(wfm.device(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(wfm.device(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return context;
    }
}
