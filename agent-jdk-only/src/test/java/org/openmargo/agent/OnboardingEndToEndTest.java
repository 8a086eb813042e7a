package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;
import org.openmargo.agent.trust.TrustBundle;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;

/**
 * Issue 5's end-to-end path over real sockets, with nothing prepared by hand: a fresh WFM creates its trust domain's
 * CA; the operator creates a one-time token; the agent's {@code enroll} command generates its key, enrolls over
 * pinned HTTPS and then reports capabilities, polls and installs over mTLS with the issued SVID; the client is retired
 * and its next request is refused with 403; a second device with the used token, and one with an expired token, are
 * refused and get no files.
 */
class OnboardingEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private WfmServer wfm;

    @BeforeEach
    void startFreshWfm() throws IOException {
        Map<String, String> values = new HashMap<>(Map.of(
                "wfm.data-dir", dir.resolve("wfm-data").toString(),
                "wfm.trust-domain", "plant.example",
                "wfm.wfm-id", "wfm-a",
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.identity-service.tls-names", "localhost,127.0.0.1",
                "wfm.operator.port", "0"));
        wfm = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(values)), "test"));
    }

    @AfterEach
    void stop() {
        wfm.close();
    }

    @Test
    void enrolledAgent_reportsPollsInstalls_thenIsRefusedOnceRetired() throws Exception {
        JsonObject token = createToken("line7-plc", "PT10M");
        Path config = agentConfig("line7", token);

        Run enroll = agent(Map.of("MARGO_AGENT_ENROLL_TOKEN", string(token, "token")), "enroll", "--config",
                config.toString());
        assertThat(enroll.code()).as(enroll.err()).isZero();
        assertThat(enroll.out()).contains("spiffe://plant.example/margo/wfm/wfm-a/client/line7-plc");
        Path key = dir.resolve("line7/svid.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        putDeployment("line7-plc", "device-line7");
        Run pass = agent(Map.of(), "run", "--once", "--config", config.toString());
        assertThat(pass.code()).as(pass.err()).isZero();
        JsonObject overview = operatorGet("/operator/v1/clients/line7-plc");
        assertThat(overview.string("standing")).hasValue("accepted");
        JsonObject device = (JsonObject) overview.array("devices").orElseThrow().items().getFirst();
        assertThat(device.string("deviceId")).hasValue("device-line7");
        assertThat(device.object("capabilities")).isPresent();
        JsonObject deployment = (JsonObject) overview.array("deployments").orElseThrow().items().getFirst();
        assertThat(deployment.object("status").orElseThrow().string("state")).hasValue("installed");

        operator("POST", "/operator/v1/clients/line7-plc/retire", null);
        try (WfmClient client = clientWith(config, dir.resolve("line7"))) {
            WfmResponse refused = client.send(new WfmRequest("GET", "/api/v1/deployments", Map.of(), null));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("#not-authorized");
        }
        assertThat(agent(Map.of(), "run", "--once", "--config", config.toString()).code()).isEqualTo(1);

        Path second = agentConfig("second", token);
        Run reused = agent(Map.of("MARGO_AGENT_ENROLL_TOKEN", string(token, "token")), "enroll", "--config",
                second.toString());
        assertThat(reused.code()).isEqualTo(1);
        assertThat(reused.err()).contains("refused");
        assertThat(dir.resolve("second/svid.pem")).doesNotExist();
        assertThat(dir.resolve("second/svid.key")).doesNotExist();
    }

    @Test
    void enroll_withExpiredToken_isRefusedAndWritesNothing() throws Exception {
        JsonObject token = createToken("late-device", "PT1S");
        Path config = agentConfig("late", token);
        Thread.sleep(1_500);

        Run enroll = agent(Map.of("MARGO_AGENT_ENROLL_TOKEN", string(token, "token")), "enroll", "--config",
                config.toString());

        assertThat(enroll.code()).isEqualTo(1);
        assertThat(enroll.err()).contains("refused");
        assertThat(dir.resolve("late/svid.pem")).doesNotExist();
        assertThat(operatorGetStatus("/operator/v1/clients/late-device")).isEqualTo(404);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run agent(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path agentConfig(String name, JsonObject token) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        List<String> pins = token.array("pins").orElseThrow().items().stream()
                .map(v -> ((JsonString) v).value()).toList();
        String text = String.join("\n",
                "wfm.url = https://127.0.0.1:" + wfm.deviceApiPort(),
                "trust.discovery-url = " + string(token, "discoveryUri"),
                "trust.pins = " + String.join(", ", pins),
                "identity.certificate = " + home.resolve("svid.pem"),
                "identity.private-key = " + home.resolve("svid.key"),
                "state.dir = " + home.resolve("state"),
                "runtime = simulated",
                "simulated.step-time = PT0S",
                "device.id = device-" + name,
                "device.vendor = OpenMargo",
                "device.model = e2e",
                "device.serial = E2E-" + name,
                "");
        return Files.writeString(home.resolve("agent.conf"), text);
    }

    private WfmClient clientWith(Path config, Path home) throws IOException {
        Svid svid = Svid.load(home.resolve("svid.pem"), home.resolve("svid.key"));
        TrustBundle bundle = TrustBundle.parse(Files.readAllBytes(home.resolve("state/trust-bundle.json")));
        return WfmClient.create(WfmClient.Settings.of(URI.create("https://127.0.0.1:" + wfm.deviceApiPort())), svid,
                bundle::anchors);
    }

    private JsonObject createToken(String clientId, String ttl) throws Exception {
        return (JsonObject) Json.parse(operator("POST", "/operator/v1/enrollment-tokens",
                "{\"clientId\":\"" + clientId + "\",\"ttl\":\"" + ttl + "\"}"));
    }

    private void putDeployment(String clientId, String deviceId) throws Exception {
        String yaml = Files.readString(Path.of("../examples/hello-deployment.yaml"))
                .replace("deviceId: demo-device", "deviceId: " + deviceId);
        HttpResponse<String> answer = HTTP.send(operatorRequest("/operator/v1/clients/" + clientId + "/deployments")
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
    }

    private JsonObject operatorGet(String path) throws Exception {
        return (JsonObject) Json.parse(operator("GET", path, null));
    }

    private int operatorGetStatus(String path) throws Exception {
        return HTTP.send(operatorRequest(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String operator(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = operatorRequest(path);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
        return answer.body();
    }

    private HttpRequest.Builder operatorRequest(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wfm.operatorPort() + path))
                .header("Authorization", "Bearer " + wfm.operatorToken())
                .header("X-Operator-Name", "e2e-test");
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key).orElseThrow(() -> new AssertionError("no " + key + " in " + o));
        return ((JsonString) v).value();
    }
}
