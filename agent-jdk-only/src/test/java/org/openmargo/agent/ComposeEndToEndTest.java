package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.dockerrig.Docker;
import org.openmargo.agent.dockerrig.LocalRegistry;
import org.openmargo.agent.dockerrig.RegistryGuard;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.oci.Digest;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The Compose path for real: a WFM, an agent it accepted, a real Docker Engine (its CLI found through
 * {@code DOCKER_HOST}), Compose v1 or v2 as the agent detects it, and a real OCI registry ({@code docker-registry}
 * on loopback) holding an image built from scratch (busybox, {@code docker import}) and the Compose artifacts, which
 * this test pushes through the OCI Distribution API. Each step is one {@code --once} pass of the agent; the test checks
 * what the WFM was told and what Docker runs.
 *
 * <p>Without an engine the test is skipped with a message on stderr, except under CI ({@code CI=true}), where a
 * missing engine fails it: {@code .ci/run} installs and starts one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ComposeEndToEndTest {
    private static final String DEPLOYMENT = "0d5f6a3e-8b1c-4e2d-9f7a-3c6b2e1d0a42";
    private static final String BROKEN = "7e2a1c9d-4b3f-4a6e-8d1c-5f0b9e3a2c17";
    private static final String APP = "openmargo-e2e/line-monitor";

    @TempDir
    static Path dir;
    static LocalWfm wfm;
    static LocalRegistry registry;
    static Path config;
    static final HttpClient operator = HttpClient.newHttpClient();
    static String containerBefore;

    @BeforeAll
    static void start() throws Exception {
        RegistryGuard.require(Docker.unavailable().map(reason -> "a Docker Engine (DOCKER_HOST), docker-compose,"
                + " docker-registry and busybox-static: " + reason), "ComposeEndToEndTest");
        wfm = LocalWfm.start(dir);
        registry = LocalRegistry.start(dir);
        String image = registry.authority() + "/openmargo-e2e/busybox:1";
        Docker.importBusybox(dir, image);
        Docker.run("docker", "push", image);
        Docker.run("docker", "rmi", image);
        registry.publishCompose(APP, "1.0.0", compose(image, "rev1"));
        registry.publishCompose(APP, "2.0.0", compose(image, "rev2"));
        Digest tampered = registry.publishCompose(APP, "3.0.0", compose(image, "rev3"));
        registry.corrupt(tampered);
        config = writeAgent(wfm);
        operatorCall("POST", "/operator/v1/clients/line-7/accept", null);
    }

    @AfterAll
    static void stop() {
        Docker.cleanUp(project(DEPLOYMENT));
        Docker.cleanUp(project(BROKEN));
        if (registry != null) {
            registry.close();
        }
        if (wfm != null) {
            wfm.close();
        }
    }

    /** One service writing its revision into a named volume, then sleeping; SIGKILL so stop and update are quick. */
    private static String compose(String image, String revision) {
        return """
                services:
                  monitor:
                    image: %s
                    command: ["/bin/sh", "-c", "echo %s >> /data/revisions; exec sleep 3600"]
                    stop_signal: SIGKILL
                    volumes:
                      - data:/data
                volumes:
                  data: {}
                """.formatted(image, revision);
    }

    private static Path writeAgent(LocalWfm local) throws Exception {
        TestPki.Svid svid = local.pki().client("line-7");
        Path identity = Files.createDirectories(dir.resolve("agent-identity"));
        TestPki.writeChainPem(identity.resolve("svid.pem"), svid);
        TestPki.writeKeyPem(identity.resolve("svid.key"), svid.key());
        Path file = dir.resolve("agent.conf");
        Files.writeString(file, """
                wfm.url = https://127.0.0.1:%d
                trust.bundle = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = compose
                oci.insecure-registries = %s
                device.id = press-7
                device.vendor = Example Industrial
                device.model = EX-1
                device.serial = SN-0007
                device.supported-deployment-types = compose
                """.formatted(local.server().deviceApiPort(), local.files().trustBundle(),
                identity.resolve("svid.pem"), identity.resolve("svid.key"), dir.resolve("agent-state"),
                registry.authority()));
        return file;
    }

    private static boolean onePass() throws Exception {
        try (Agent agent = Agent.create(ConfigWatcher.start(config, Map.of()), Clock.systemUTC(),
                RandomGenerator.getDefault())) {
            return agent.runOnce();
        }
    }

    private static JsonObject operatorCall(String method, String path, String body) throws Exception {
        WfmServer server = wfm.server();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.operatorPort() + path))
                .header("Authorization", "Bearer " + server.operatorToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response = operator.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isBetween(200, 299);
        return (JsonObject) Json.parse(response.body());
    }

    private static JsonObject status(String id) throws Exception {
        return operatorCall("GET", "/operator/v1/clients/line-7", null).array("deployments").orElseThrow().items()
                .stream().map(JsonObject.class::cast)
                .filter(d -> d.string("deploymentId").orElse("").equals(id))
                .findFirst().orElseThrow().object("status").orElseThrow();
    }

    private static void deploy(String id, String name, String revision) throws Exception {
        operatorCall("PUT", "/operator/v1/clients/line-7/deployments", """
                id: %s
                metadata:
                  name: %s
                  namespace: plant
                  deviceId: press-7
                spec:
                  applicationId: %s
                  deploymentProfile:
                    type: compose
                    components:
                      - name: monitor
                        properties:
                          repository: oci://%s/%s
                          revision: %s
                          timeout: 2m0s
                """.formatted(id, name, name, registry.authority(), APP, revision));
    }

    /** The Compose project of a deployment, by the agent's documented rule: name, then 8 hex of sha256(id). */
    private static String project(String id) {
        try {
            String name = id.equals(DEPLOYMENT) ? "line-monitor" : "broken-monitor";
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String onlyContainer() throws Exception {
        List<String> ids = Docker.containers(project(DEPLOYMENT));
        assertThat(ids).hasSize(1);
        assertThat(Docker.run("docker", "inspect", "-f", "{{.State.Running}}", ids.getFirst())).isEqualTo("true");
        return ids.getFirst();
    }

    @Test
    @Order(1)
    void deploymentAdded_containerRunsFromTheRegistryAndIsReportedInstalled() throws Exception {
        deploy(DEPLOYMENT, "line-monitor", "1.0.0");

        assertThat(onePass()).isTrue();

        assertThat(status(DEPLOYMENT).string("state")).hasValue("installed");
        containerBefore = onlyContainer();
        assertThat(Docker.run("docker", "exec", containerBefore, "cat", "/data/revisions")).isEqualTo("rev1");
        JsonObject labels = operatorCall("GET", "/operator/v1/clients/line-7", null).array("devices").orElseThrow()
                .items().stream().map(JsonObject.class::cast).findFirst().orElseThrow()
                .object("capabilities").flatMap(c -> c.object("labels")).orElseThrow();
        String version = labels.string("openmargo.org/compose-version").orElseThrow();
        assertThat(version).matches("[12]\\.[0-9]+\\.[0-9]+.*");
        assertThat(labels.string("openmargo.org/compose-cli")).hasValue(version.startsWith("1.") ? "v1" : "v2");
    }

    @Test
    @Order(2)
    void revision2_replacesTheContainerAndKeepsTheNamedVolume() throws Exception {
        deploy(DEPLOYMENT, "line-monitor", "2.0.0");

        assertThat(onePass()).isTrue();

        assertThat(status(DEPLOYMENT).string("state")).hasValue("installed");
        String after = onlyContainer();
        assertThat(after).isNotEqualTo(containerBefore);
        assertThat(Docker.run("docker", "exec", after, "cat", "/data/revisions")).isEqualTo("rev1\nrev2");
        containerBefore = after;
    }

    @Test
    @Order(3)
    void containerRemovedByHand_isRecreatedAndReportedInstalledAgain() throws Exception {
        Docker.run("docker", "rm", "-f", containerBefore);
        assertThat(Docker.containers(project(DEPLOYMENT))).isEmpty();

        assertThat(onePass()).isTrue();

        assertThat(status(DEPLOYMENT).string("state")).hasValue("installed");
        String repaired = onlyContainer();
        assertThat(repaired).isNotEqualTo(containerBefore);
        assertThat(Docker.run("docker", "exec", repaired, "cat", "/data/revisions")).isEqualTo("rev1\nrev2\nrev2");
    }

    @Test
    @Order(4)
    void deploymentRemoved_containersAndNetworkAreGoneAndRemovedIsReported() throws Exception {
        operatorCall("DELETE", "/operator/v1/clients/line-7/deployments/" + DEPLOYMENT, null);

        assertThat(onePass()).isTrue();

        assertThat(status(DEPLOYMENT).string("state")).hasValue("removed");
        String label = "label=com.docker.compose.project=" + project(DEPLOYMENT);
        assertThat(Docker.containers(project(DEPLOYMENT))).isEmpty();
        assertThat(Docker.run("docker", "network", "ls", "-q", "--filter", label)).isEmpty();
        // compose.remove-volumes = false (the default): the data outlives the deployment.
        assertThat(Docker.run("docker", "volume", "ls", "-q", "--filter", label)).isNotEmpty();
    }

    @Test
    @Order(5)
    void artifactWhoseLayerDoesNotMatchItsDigest_isRefusedAndNothingRuns() throws Exception {
        deploy(BROKEN, "broken-monitor", "3.0.0");

        onePass();

        JsonObject status = status(BROKEN);
        assertThat(status.string("state")).hasValue("failed");
        assertThat(Json.write(status)).contains("OCI_INVALID").contains("does not match its descriptor");
        assertThat(Docker.containers(project(BROKEN))).isEmpty();
        assertThat(Files.list(dir.resolve("agent-state/compose-files/files/sha256")).count()).isEqualTo(2);
    }
}
