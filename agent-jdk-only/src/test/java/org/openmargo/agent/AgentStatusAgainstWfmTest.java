package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.observe.Promtool;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.StateStore;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.testpki.TestPki;

/**
 * {@code agent status --json} and the Prometheus textfile after real passes against the real WFM over mutual TLS:
 * every fact is checked against where it comes from (the WFM's answer, the agent's saved state, the SVID file), then
 * again after a restart (poll counters start over, the last success is carried over) and with the WFM gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentStatusAgainstWfmTest {
    private static final UUID DEPLOYMENT = UUID.fromString("5c1d4f2b-3a7e-4d2f-8e4c-8b6f9a0d1e22");

    @TempDir
    static Path dir;
    static WfmServer wfm;
    static Path config;
    static Path textfile;
    static TestPki.Svid svid;
    static String version;
    static Instant firstSuccess;
    static boolean wfmClosed;
    static final HttpClient operator = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        LocalWfm local = LocalWfm.start(dir);
        wfm = local.server();
        svid = local.pki().client("line-8");
        Path identity = Files.createDirectories(dir.resolve("agent-identity"));
        TestPki.writeChainPem(identity.resolve("svid.pem"), svid);
        TestPki.writeKeyPem(identity.resolve("svid.key"), svid.key());
        textfile = dir.resolve("textfile/openmargo_agent.prom");
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:%d
                trust.bundle = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = simulated
                simulated.step-time = PT0S
                poll.rate = PT1H
                poll.jitter-percent = 0
                device.id = press-8
                device.vendor = Example Industrial
                device.model = EX-1
                device.serial = SN-0008
                device.supported-deployment-types = helm, compose
                metrics.textfile = %s
                """.formatted(wfm.deviceApiPort(), local.files().trustBundle(), identity.resolve("svid.pem"),
                identity.resolve("svid.key"), dir.resolve("agent-state"), textfile));
        operatorCall("POST", "/operator/v1/clients/line-8/accept", null);
    }

    @AfterAll
    static void stop() {
        if (!wfmClosed) {
            wfm.close();
        }
    }

    private static boolean onePass() throws Exception {
        try (Agent agent = Agent.create(ConfigWatcher.start(config, Map.of()), Clock.systemUTC(),
                RandomGenerator.getDefault())) {
            return agent.runOnce();
        }
    }

    /** {@code agent status --json} as a script runs it, at {@code now}. */
    private static JsonObject statusJson(Instant now) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"status", "--json", "--config", config.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(now, ZoneOffset.UTC));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return (JsonObject) Json.parse(out.toByteArray());
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

    private static String yaml() {
        return """
                id: %s
                metadata:
                  name: line-monitor
                  namespace: plant
                  deviceId: press-8
                spec:
                  applicationId: line-monitor
                  deploymentProfile:
                    type: helm
                    components:
                      - name: web
                        properties:
                          repository: oci://registry.example.com/charts/web
                          revision: 1.0.0
                """.formatted(DEPLOYMENT);
    }

    private static Instant instant(JsonObject o, String key) {
        return Instant.parse(o.string(key).orElseThrow());
    }

    private static long number(JsonObject o, String key) {
        return o.number(key).orElseThrow().longValueExact();
    }

    @Test
    @Order(1)
    void statusJson_afterAPassThatInstalledADeployment_showsTheFactsOfThatPass() throws Exception {
        version = operatorCall("PUT", "/operator/v1/clients/line-8/deployments", yaml())
                .string("manifestVersion").orElseThrow();
        Instant before = Instant.now();

        assertThat(onePass()).isTrue();

        Instant after = Instant.now();
        Instant notAfter = svid.leaf().getNotAfter().toInstant();
        Instant now = notAfter.minusSeconds(1000);
        JsonObject status = statusJson(now);
        AgentState saved = StateStore.open(dir.resolve("agent-state/state")).load();
        JsonObject lastSync = status.object("lastSync").orElseThrow();
        firstSuccess = instant(lastSync, "at");
        assertThat(number(status, "format")).isEqualTo(1);
        assertThat(instant(status, "now")).isEqualTo(now);
        assertThat(instant(status, "writtenAt")).isBetween(firstSuccess, after);
        assertThat(status.string("deviceId")).hasValue("press-8");
        assertThat(firstSuccess).isBetween(before, after);
        assertThat(lastSync.string("result")).hasValue("accepted manifest " + version);
        assertThat(instant(status, "lastSuccessfulSync")).isEqualTo(firstSuccess);
        assertThat(status.string("manifestVersion")).hasValue(version);
        assertThat(Json.write(status.array("deployments").orElseThrow())).isEqualTo(
                "[{\"id\":\"" + DEPLOYMENT + "\",\"state\":\"installed\",\"digest\":\""
                        + saved.applied().get(DEPLOYMENT.toString()).digest() + "\",\"adoptedManifestVersion\":\""
                        + version + "\"}]");
        assertThat(number(status, "pendingReports")).isZero();
        JsonObject svidJson = status.object("svid").orElseThrow();
        assertThat(instant(svidJson, "notAfter")).isEqualTo(notAfter);
        assertThat(number(svidJson, "secondsToExpiry")).isEqualTo(1000);
        JsonObject trust = status.object("trustBundle").orElseThrow();
        Instant refreshed = instant(trust, "refreshedAt");
        assertThat(refreshed).isBetween(before, firstSuccess);
        assertThat(number(trust, "ageSeconds")).isEqualTo(Math.floorDiv(now.toEpochMilli() - refreshed.toEpochMilli(),
                1000));
        assertThat(Json.write(status.object("pollsSinceStart").orElseThrow()))
                .isEqualTo("{\"accepted\":1,\"unchanged\":0,\"rejected\":0,\"unavailable\":0,\"error\":0}");
        JsonObject wake = status.object("nextWakeUp").orElseThrow();
        assertThat(wake.string("step")).hasValue("config-reload");
        // Checked every second: a pass longer than that finds it due at once ("(due now: the shortest wait)").
        assertThat(wake.string("reason").orElseThrow()).startsWith("its own schedule");
        assertThat(instant(wake, "at")).isAfter(instant(status, "writtenAt"));
        JsonObject exchange = status.object("nextExchange").orElseThrow();
        assertThat(exchange.string("step")).hasValue("status-delivery");
        assertThat(exchange.string("reason")).hasValue("status.interval re-report");
        assertThat(instant(exchange, "at")).isAfter(instant(status, "writtenAt").plusSeconds(14 * 60));
    }

    @Test
    @Order(2)
    void textfile_afterThatPass_carriesTheSameFactsAndPromtoolAcceptsIt() throws Exception {
        String text = Files.readString(textfile);
        JsonObject status = statusJson(Instant.now());

        assertThat(text).contains("openmargo_agent_polls_total{outcome=\"accepted\"} 1\n",
                "openmargo_agent_polls_total{outcome=\"unavailable\"} 0\n",
                "openmargo_agent_status_reports_pending 0\n",
                "openmargo_agent_deployments{state=\"installed\"} 1\n",
                "openmargo_agent_deployments{state=\"pending\"} 0\n",
                "openmargo_agent_svid_expiry_timestamp_seconds "
                        + svid.leaf().getNotAfter().toInstant().getEpochSecond() + "\n",
                "openmargo_agent_last_successful_poll_timestamp_seconds "
                        + seconds(instant(status, "lastSuccessfulSync")) + "\n");
        Promtool.Verdict verdict = Promtool.checkMetrics(textfile);
        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    @Order(3)
    void statusJson_afterARestartWithNothingNew_countsFromZeroAgain() throws Exception {
        assertThat(onePass()).isTrue();

        JsonObject status = statusJson(Instant.now());
        assertThat(status.object("lastSync").orElseThrow().string("result")).hasValue("unchanged");
        assertThat(instant(status, "lastSuccessfulSync")).isAfter(firstSuccess);
        assertThat(Json.write(status.object("pollsSinceStart").orElseThrow()))
                .isEqualTo("{\"accepted\":0,\"unchanged\":1,\"rejected\":0,\"unavailable\":0,\"error\":0}");
        assertThat(Files.readString(textfile)).contains("openmargo_agent_polls_total{outcome=\"accepted\"} 0\n",
                "openmargo_agent_polls_total{outcome=\"unchanged\"} 1\n");
    }

    @Test
    @Order(4)
    void statusJson_afterARestartWithTheWfmGone_keepsTheLastSuccessAndCountsTheFailure() throws Exception {
        Instant lastSuccess = instant(statusJson(Instant.now()), "lastSuccessfulSync");
        wfm.close();
        wfmClosed = true;

        assertThat(onePass()).isFalse();

        JsonObject status = statusJson(Instant.now());
        assertThat(status.object("lastSync").orElseThrow().string("result").orElseThrow()).startsWith("unavailable: ");
        assertThat(instant(status, "lastSuccessfulSync")).isEqualTo(lastSuccess);
        assertThat(Json.write(status.object("pollsSinceStart").orElseThrow()))
                .isEqualTo("{\"accepted\":0,\"unchanged\":0,\"rejected\":0,\"unavailable\":1,\"error\":0}");
        assertThat(status.array("deployments").orElseThrow().items()).hasSize(1);
        assertThat(Files.readString(textfile)).contains("openmargo_agent_polls_total{outcome=\"unavailable\"} 1\n",
                "openmargo_agent_last_successful_poll_timestamp_seconds " + seconds(lastSuccess) + "\n");
    }

    private static String seconds(Instant at) {
        long millis = at.toEpochMilli();
        return millis % 1000 == 0 ? Long.toString(millis / 1000)
                : String.format(java.util.Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000).replaceAll("0+$", "");
    }
}
