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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.trust.TrustBundle;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;

/**
 * A fresh WFM that is its own identity service (a new CA for {@code plant.example}, wfm-id {@code wfm-a}) on free
 * loopback ports, with what a test needs to act as its operator (the operator API over HTTP) and to run the agent's
 * command line against it. Test scope; the agent shares no code with the WFM at run time.
 */
final class OnboardingRig implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path dir;
    final WfmServer wfm;

    OnboardingRig(Path dir) throws IOException {
        this.dir = dir;
        Map<String, String> values = new HashMap<>(Map.of(
                "wfm.data-dir", dir.resolve("wfm-data").toString(),
                "wfm.trust-domain", "plant.example",
                "wfm.wfm-id", "wfm-a",
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.identity-service.tls-names", "localhost,127.0.0.1",
                "wfm.operator.port", "0",
                "wfm.observe.port", "0"));
        wfm = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(values)), "test"));
    }

    @Override
    public void close() {
        wfm.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run agent(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path agentConfig(String name, JsonObject token) throws IOException {
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

    WfmClient clientWith(Path home) throws IOException {
        Svid svid = Svid.load(home.resolve("svid.pem"), home.resolve("svid.key"));
        TrustBundle bundle = TrustBundle.parse(Files.readAllBytes(home.resolve("state/trust-bundle.json")));
        return WfmClient.create(WfmClient.Settings.of(URI.create("https://127.0.0.1:" + wfm.deviceApiPort())), svid,
                bundle::anchors);
    }

    JsonObject createToken(String clientId, String ttl) throws Exception {
        return (JsonObject) Json.parse(operator("POST", "/operator/v1/enrollment-tokens",
                "{\"clientId\":\"" + clientId + "\",\"ttl\":\"" + ttl + "\"}"));
    }

    void putDeployment(String clientId, String deviceId) throws Exception {
        String yaml = Files.readString(Path.of("../examples/hello-deployment.yaml"))
                .replace("deviceId: demo-device", "deviceId: " + deviceId);
        HttpResponse<String> answer = HTTP.send(operatorRequest("/operator/v1/clients/" + clientId + "/deployments")
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
    }

    JsonObject operatorGet(String path) throws Exception {
        return (JsonObject) Json.parse(operator("GET", path, null));
    }

    int operatorGetStatus(String path) throws Exception {
        return HTTP.send(operatorRequest(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String operator(String method, String path, String json) throws Exception {
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

    /** POSTs a PEM text body (a CSR) and returns the PEM answer (a certificate chain). */
    String operatorPem(String path, String pem) throws Exception {
        HttpResponse<String> answer = HTTP.send(operatorRequest(path).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(pem)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return answer.body();
    }

    HttpRequest.Builder operatorRequest(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wfm.operatorPort() + path))
                .header("Authorization", "Bearer " + wfm.operatorToken())
                .header("X-Operator-Name", "e2e-test");
    }

    static String string(JsonObject o, String key) {
        JsonValue v = o.get(key).orElseThrow(() -> new AssertionError("no " + key + " in " + o));
        return ((JsonString) v).value();
    }
}
