package org.openmargo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;

/**
 * Issue 13's fleet walk-through with real parts: a WFM (built-in identity service, H2) and six real agents as separate
 * processes with the simulated runtime, each enrolled over the network with a one-time token and polling over mTLS.
 * An application description is imported through the catalogue API, deployed by label selector to five agents, a
 * label change adds the sixth, a 3-wave rollout to a new version pauses at the error threshold when one agent fails,
 * the operator excludes it and resumes, the rollout completes, and a rollback brings every agent back.
 */
class FleetRolloutTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @TempDir
    Path dir;
    private WfmServer wfm;
    private OperatorCalls operator;
    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AgentProcess a : agents) {
            a.close();
        }
        if (wfm != null) {
            wfm.close();
        }
    }

    @Test
    void fleet_deployBySelector_labelJoins_rolloutPausesExcludesResumesCompletes_rollbackReturnsEveryAgent()
            throws Exception {
        startWfm();
        enrollAndStart(6);
        importDescription("hello-line-1.0.0.yaml");
        importDescription("hello-line-2.0.0.yaml");

        JsonObject fleet = operator.json("POST", "operator/v1/fleet-deployments", Json.createObjectBuilder()
                .add("name", "hello-line").add("namespace", "demo").add("app", "hello-line").add("version", "1.0.0")
                .add("parameters", Json.createObjectBuilder().add("siteName", "Plant 7"))
                .add("selector", Json.createObjectBuilder().add("matchLabels", Json.createObjectBuilder()
                        .add("example.com/site", "plant-7")))
                .build(), 201);
        String fleetId = fleet.getString("id");
        awaitRunning(fleetId, "1.0.0", List.of("agent-1", "agent-2", "agent-3", "agent-4", "agent-5"));
        assertThat(members(fleetId)).doesNotContainKey("agent-6");

        operator.json("PATCH", "operator/v1/clients/agent-6/labels", Json.createObjectBuilder()
                .add("labels", Json.createObjectBuilder().add("example.com/site", "plant-7")).build(), 200);
        awaitRunning(fleetId, "1.0.0", clients(1, 6));

        // agent-3 (wave 1 of [1, 50%, 100%] over six devices ordered by client id) now fails every install.
        AgentProcess failing = agents.get(2);
        failing.stop();
        failing.configure(wfm.deviceApiPort(), discovery, pins, "plant-7", 1.0);
        failing.start();

        JsonObject rollout = operator.json("POST", "operator/v1/rollouts", Json.createObjectBuilder()
                .add("fleetDeployment", fleetId).add("toVersion", "2.0.0")
                .add("waves", Json.createArrayBuilder().add(Json.createObjectBuilder().add("devices", 1))
                        .add(Json.createObjectBuilder().add("percent", 50))
                        .add(Json.createObjectBuilder().add("percent", 100)))
                .add("successThreshold", 1.0).add("errorThreshold", 0.0).add("waveTimeout", "PT2M").build(), 201);
        String rolloutId = rollout.getString("id");
        await("the rollout pauses at the error threshold", () -> state(rolloutId).equals("paused"));
        JsonObject paused = operator.get("operator/v1/rollouts/" + rolloutId);
        assertThat(paused.getString("reason")).startsWith("error threshold exceeded: 1 of 3");
        assertThat(paused.getInt("currentWave")).isEqualTo(1);
        JsonObject failed = device(paused, "agent-3");
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("lastError")).contains("SIMULATED_FAILURE");
        assertThat(failed.containsKey("lastPoll")).isTrue();
        assertThat(paused.getJsonObject("counts").getInt("waiting")).isEqualTo(3);
        // Issue 15's rollout gauges on the observability listener, refreshed by the engine: the paused rollout and
        // its failed device.
        await("the metrics show the paused rollout and its failed device", () -> {
            String scrape = metrics();
            return gauge(scrape, "openmargo_wfm_rollouts", "paused", "1.0")
                    && gauge(scrape, "openmargo_wfm_rollout_devices", "failed", "1.0")
                    && gauge(scrape, "openmargo_wfm_rollout_devices", "waiting", "3.0");
        });
        // agent-2 may still have been installing when agent-3's failure paused the rollout: a pause stops later
        // waves, not the devices already moved.
        await("the canary and agent-2 report installed while paused", () -> operator.get(
                "operator/v1/rollouts/" + rolloutId).getJsonObject("counts").getInt("installed") == 2);
        assertThat(members(fleetId).get("agent-5")).as("later waves untouched").isEqualTo("1.0.0");

        operator.json("POST", "operator/v1/rollouts/" + rolloutId + "/exclusions", Json.createObjectBuilder()
                .add("clientId", "agent-3").add("deviceId", "dev-agent-3").build(), 200);
        operator.json("POST", "operator/v1/rollouts/" + rolloutId + "/resume", null, 200);
        await("the rollout completes", () -> state(rolloutId).equals("completed"));
        JsonObject done = operator.get("operator/v1/rollouts/" + rolloutId);
        assertThat(done.getJsonObject("counts").getInt("installed")).isEqualTo(5);
        assertThat(done.getJsonObject("counts").getInt("excluded")).isEqualTo(1);
        awaitRunning(fleetId, "2.0.0", List.of("agent-1", "agent-2", "agent-4", "agent-5", "agent-6"));

        // The operator repairs agent-3, then rolls everything back.
        failing.stop();
        failing.configure(wfm.deviceApiPort(), discovery, pins, "plant-7", 0.0);
        failing.start();
        Map<String, Long> before = manifestVersions();
        JsonObject back = operator.json("POST", "operator/v1/rollouts/" + rolloutId + "/rollback", null, 201);
        assertThat(back.getString("toVersion")).isEqualTo("1.0.0");
        assertThat(back.getString("rollbackOf")).isEqualTo(rolloutId);
        await("the rollback completes", () -> state(back.getString("id")).equals("completed"));
        awaitRunning(fleetId, "1.0.0", clients(1, 6));
        Map<String, Long> after = manifestVersions();
        after.forEach((client, v) -> assertThat(v).as(client + "'s manifest version never goes down")
                .isGreaterThan(before.get(client)));

        List<String> actions = operator.get("operator/v1/audit?limit=100").getJsonArray("entries").stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getString("actor").equals("e2e"))
                .map(e -> e.getString("action")).toList();
        assertThat(actions).contains("fleet-deployment.create", "client.labels", "rollout.start", "rollout.exclude",
                "rollout.resume", "rollout.rollback");
    }

    private String discovery;
    private String pins;

    private void startWfm() throws Exception {
        Map<String, String> values = new HashMap<>(Map.ofEntries(
                Map.entry("wfm.data-dir", dir.resolve("wfm").toString()),
                Map.entry("wfm.trust-domain", "fleet.example"),
                Map.entry("wfm.device-api.host", "127.0.0.1"),
                Map.entry("wfm.device-api.port", "0"),
                Map.entry("wfm.operator.port", "0"),
                Map.entry("wfm.observe.port", "0"),
                Map.entry("wfm.identity-service.host", "127.0.0.1"),
                Map.entry("wfm.identity-service.port", "0"),
                Map.entry("wfm.fleet.rollout-interval", "PT0.5S"),
                Map.entry("wfm.fleet.sweep-interval", "PT5S"),
                Map.entry("wfm.fleet.stale-after", "PT30S")));
        wfm = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(values)), "e2e"));
        operator = new OperatorCalls(wfm.operatorPort(), wfm.operatorToken());
    }

    /** Agents agent-1..agent-N (the last one at another site), enrolled and started in parallel. */
    private void enrollAndStart(int count) throws Exception {
        List<java.util.concurrent.Callable<Void>> work = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String clientId = "agent-" + i;
            JsonObject token = operator.json("POST", "operator/v1/enrollment-tokens", Json.createObjectBuilder()
                    .add("clientId", clientId).add("ttl", "PT10M").build(), 201);
            discovery = token.getString("discoveryUri");
            pins = String.join(", ", token.getJsonArray("pins").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList());
            AgentProcess agent = new AgentProcess(dir.resolve("agents"), clientId);
            agent.configure(wfm.deviceApiPort(), discovery, pins, i < count ? "plant-7" : "plant-9", 0.0);
            agents.add(agent);
            work.add(() -> {
                agent.enroll(token.getString("token"));
                agent.start();
                return null;
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            for (var f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean gauge(String scrape, String name, String state, String value) {
        return java.util.regex.Pattern.compile("(?m)^" + name + "\\{[^}]*state=\"" + state + "\"[^}]*} "
                + java.util.regex.Pattern.quote(value) + "$").matcher(scrape).find();
    }

    private String metrics() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + wfm.observePort() + "/observe/metrics"))
                            .header("Accept", "text/plain").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void importDescription(String file) throws Exception {
        operator.call("POST", "operator/v1/apps", "application/yaml", Files.readAllBytes(EXAMPLES.resolve(file)), 201);
    }

    /** client id to the version its member should run. */
    private Map<String, String> members(String fleetId) {
        Map<String, String> out = new HashMap<>();
        for (JsonValue m : operator.get("operator/v1/fleet-deployments/" + fleetId).getJsonArray("members")) {
            out.put(m.asJsonObject().getString("clientId"), m.asJsonObject().getString("version"));
        }
        return out;
    }

    /**
     * Waits until each client's fleet deployment carries {@code version} in its desired state and the agent reported
     * it installed for the current bytes (a report adopted at or after the version they appeared in).
     */
    private void awaitRunning(String fleetId, String version, List<String> clients) throws InterruptedException {
        await(clients + " run " + version + " installed", () -> {
            JsonObject fleet = operator.get("operator/v1/fleet-deployments/" + fleetId);
            for (String client : clients) {
                JsonObject member = fleet.getJsonArray("members").stream().map(JsonValue::asJsonObject)
                        .filter(m -> m.getString("clientId").equals(client)).findFirst().orElse(null);
                if (member == null || !version.equals(member.getString("appliedVersion", ""))
                        || !installed(client, member.getString("deploymentId"))) {
                    return false;
                }
            }
            return true;
        });
    }

    private boolean installed(String client, String deploymentId) {
        JsonObject overview = operator.get("operator/v1/clients/" + client);
        return overview.getJsonArray("deployments").stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("deploymentId").equals(deploymentId) && !d.containsKey("removedInVersion")
                        && d.containsKey("status"))
                .anyMatch(d -> d.getJsonObject("status").getString("state").equals("installed")
                        && Long.parseLong(d.getJsonObject("status").getString("adoptedManifestVersion"))
                        >= Long.parseLong(d.getString("sinceVersion")));
    }

    private Map<String, Long> manifestVersions() {
        Map<String, Long> out = new HashMap<>();
        for (AgentProcess a : agents) {
            out.put(a.clientId, Long.parseLong(operator.get("operator/v1/clients/" + a.clientId)
                    .getString("manifestVersion")));
        }
        return out;
    }

    private String state(String rolloutId) {
        return operator.get("operator/v1/rollouts/" + rolloutId).getString("state");
    }

    private static JsonObject device(JsonObject progress, String client) {
        return progress.getJsonArray("devices").stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("clientId").equals(client)).findFirst().orElseThrow();
    }

    private static List<String> clients(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("agent-" + i);
        }
        return out;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                StringBuilder logs = new StringBuilder();
                agents.forEach(a -> logs.append("\n--- ").append(a.clientId).append('\n').append(a.logTail()));
                throw new AssertionError("timed out waiting until " + what + logs);
            }
            Thread.sleep(250);
        }
    }
}
