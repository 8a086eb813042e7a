package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The agent against the real WFM over mutual TLS, as an operator would run them: a first start with nothing but the
 * configuration (no onboarding call), capabilities reported, a deployment added, changed and removed through the WFM's
 * operator API, and the statuses that arrive at the WFM after each step. The agent runs with the simulated runtime;
 * each step is one {@code --once} pass.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentAgainstWfmTest {
    private static final UUID DEPLOYMENT = UUID.fromString("4b0c3e1a-2f6d-4c1e-9d3b-7a5e8f9c0d11");

    @TempDir
    static Path dir;
    static WfmServer wfm;
    static Path config;
    static final HttpClient operator = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        LocalWfm local = LocalWfm.start(dir);
        wfm = local.server();
        TestPki pki = local.pki();
        TestPki.ServerFiles files = local.files();
        TestPki.Svid svid = pki.client("line-7");
        Path identity = Files.createDirectories(dir.resolve("agent-identity"));
        TestPki.writeChainPem(identity.resolve("svid.pem"), svid);
        TestPki.writeKeyPem(identity.resolve("svid.key"), svid.key());
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:%d
                trust.bundle = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = simulated
                poll.rate = PT1S
                device.id = press-7
                device.vendor = Example Industrial
                device.model = EX-1
                device.serial = SN-0007
                device.supported-deployment-types = helm, compose
                """.formatted(wfm.deviceApiPort(), files.trustBundle(), identity.resolve("svid.pem"),
                identity.resolve("svid.key"), dir.resolve("agent-state")));
        operatorCall("POST", "/operator/v1/clients/line-7/accept", null);
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    private static boolean onePass() throws Exception {
        try (Agent agent = Agent.create(ConfigWatcher.start(config, Map.of()), Clock.systemUTC(),
                RandomGenerator.getDefault())) {
            return agent.runOnce();
        }
    }

    private static JsonObject operatorCall(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wfm.operatorPort() + path))
                .header("Authorization", "Bearer " + wfm.operatorToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response = operator.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isBetween(200, 299);
        return (JsonObject) Json.parse(response.body());
    }

    private static JsonObject client() throws Exception {
        return operatorCall("GET", "/operator/v1/clients/line-7", null);
    }

    private static JsonObject deployment() throws Exception {
        JsonArray list = client().array("deployments").orElseThrow();
        return list.items().stream().map(JsonObject.class::cast)
                .filter(d -> d.string("deploymentId").orElse("").equals(DEPLOYMENT.toString()))
                .findFirst().orElseThrow();
    }

    private static String yaml(String revision, String... components) {
        StringBuilder y = new StringBuilder("""
                id: %s
                metadata:
                  name: line-monitor
                  namespace: plant
                  deviceId: press-7
                spec:
                  applicationId: line-monitor
                  deploymentProfile:
                    type: helm
                    components:
                """.formatted(DEPLOYMENT));
        for (String c : components) {
            y.append("      - name: ").append(c).append("\n        properties:\n")
                    .append("          repository: oci://registry.example.com/charts/").append(c).append('\n')
                    .append("          revision: ").append(revision).append('\n');
        }
        return y.toString();
    }

    @Test
    @Order(1)
    void firstStart_withoutOnboarding_reportsCapabilitiesAndAcceptsTheEmptyManifest() throws Exception {
        assertThat(onePass()).isTrue();

        JsonObject device = client().array("devices").orElseThrow().items().stream()
                .map(JsonObject.class::cast).findFirst().orElseThrow();
        assertThat(device.string("deviceId")).hasValue("press-7");
        JsonObject properties = device.object("capabilities").flatMap(c -> c.object("properties")).orElseThrow();
        assertThat(properties.string("vendor")).hasValue("Example Industrial");
        assertThat(properties.array("supportedDeploymentTypes").orElseThrow().items()).hasSize(2);
    }

    @Test
    @Order(2)
    void deploymentAdded_isAppliedAndReportedInstalled() throws Exception {
        JsonObject put = operatorCall("PUT", "/operator/v1/clients/line-7/deployments", yaml("1.0.0", "db", "web"));
        String version = put.string("manifestVersion").orElseThrow();

        assertThat(onePass()).isTrue();

        JsonObject status = deployment().object("status").orElseThrow();
        assertThat(status.string("state")).hasValue("installed");
        assertThat(status.string("adoptedManifestVersion")).hasValue(version);
        JsonObject report = status.object("report").orElseThrow();
        assertThat(report.array("components").orElseThrow().items()).extracting(
                v -> ((JsonObject) v).string("name").orElseThrow()).containsExactly("db", "web");
    }

    @Test
    @Order(3)
    void deploymentChanged_isReappliedAndReportedWithTheNewVersion() throws Exception {
        JsonObject put = operatorCall("PUT", "/operator/v1/clients/line-7/deployments", yaml("1.1.0", "db", "web"));
        String version = put.string("manifestVersion").orElseThrow();

        assertThat(onePass()).isTrue();

        JsonObject status = deployment().object("status").orElseThrow();
        assertThat(status.string("state")).hasValue("installed");
        assertThat(status.string("adoptedManifestVersion")).hasValue(version);
    }

    @Test
    @Order(4)
    void deploymentRemoved_isRemovedAndReportedRemoved() throws Exception {
        JsonObject removed = operatorCall("DELETE", "/operator/v1/clients/line-7/deployments/" + DEPLOYMENT, null);
        String version = removed.string("manifestVersion").orElseThrow();

        assertThat(onePass()).isTrue();

        JsonObject status = deployment().object("status").orElseThrow();
        assertThat(status.string("state")).hasValue("removed");
        assertThat(status.string("adoptedManifestVersion")).hasValue(version);
        assertThat(deployment().string("removedInVersion")).hasValue(version);
    }

    @Test
    @Order(5)
    void restart_withNothingNew_isUnchangedAndReportsNothingAgain() throws Exception {
        String before = Json.write(deployment());

        assertThat(onePass()).isTrue();

        assertThat(Json.write(deployment())).isEqualTo(before);
        JsonValue status = Json.parse(Files.readAllBytes(dir.resolve("agent-state/agent-status.json")));
        assertThat(((JsonObject) status).string("lastSyncResult")).hasValue("unchanged");
    }
}
