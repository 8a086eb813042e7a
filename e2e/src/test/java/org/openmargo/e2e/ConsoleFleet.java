package org.openmargo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;

/**
 * A WFM (its own identity service, H2, free loopback ports) with real agents: each one the packaged
 * {@code agent.jar} as its own process, enrolled with a one-time token over the network and running the simulated
 * runtime. Test scope.
 */
final class ConsoleFleet implements AutoCloseable {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PIN = Pattern.compile("sha256:[0-9a-f]{64}");

    final Path dir;
    final WfmServer wfm;
    private final List<Process> agents = new ArrayList<>();

    ConsoleFleet(Path dir) throws IOException {
        this.dir = dir;
        Map<String, String> values = new HashMap<>(Map.of(
                "wfm.fleet.rollout-interval", "PT0.5S",
                "wfm.fleet.sweep-interval", "PT5S",
                "wfm.data-dir", dir.resolve("wfm-data").toString(),
                "wfm.trust-domain", "plant.example",
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.identity-service.tls-names", "localhost,127.0.0.1",
                "wfm.operator.port", "0"));
        values.put("wfm.observe.port", "0");
        wfm = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(values)), "e2e"));
    }

    String operatorUrl() {
        return "http://127.0.0.1:" + wfm.operatorPort();
    }

    /** Creates a token through the operator API, enrolls and starts an agent for {@code clientId}. */
    void enrollAndRun(String clientId, String line) throws Exception {
        String answer = operator("POST", "/operator/v1/enrollment-tokens",
                "{\"clientId\":\"" + clientId + "\",\"ttl\":\"PT10M\"}", "application/json");
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
        Matcher discovery = Pattern.compile("\"discoveryUri\":\"([^\"]+)\"").matcher(answer);
        assertThat(token.find() && discovery.find()).as(answer).isTrue();
        Matcher pin = PIN.matcher(answer);
        enrollAndRun(clientId, line, token.group(1), "trust.discovery-url = " + discovery.group(1) + "\n"
                + (pin.find() ? "trust.pins = " + pin.group() + "\n" : ""));
    }

    /**
     * Enrolls an agent with a token and the {@code agent.conf} trust lines an operator copied (from the console),
     * gives its device a deployment, and starts it.
     */
    void enrollAndRun(String clientId, String line, String token, String trustLines) throws Exception {
        Path home = Files.createDirectories(dir.resolve(clientId));
        Files.writeString(home.resolve("agent.conf"), String.join("\n",
                "wfm.url = https://127.0.0.1:" + wfm.deviceApiPort(),
                trustLines.strip(),
                "identity.certificate = " + home.resolve("svid.pem"),
                "identity.private-key = " + home.resolve("svid.key"),
                "state.dir = " + home.resolve("state"),
                "runtime = simulated",
                "simulated.step-time = PT0S",
                "poll.rate = PT1S",
                "backoff.initial = PT1S",
                "device.id = " + clientId + "-device",
                "device.vendor = OpenMargo",
                "device.model = console-e2e",
                "device.serial = SN-" + clientId,
                "device.supported-deployment-types = compose",
                "device.labels.example.com/line = " + line,
                ""));
        Process enroll = agent(home, "enroll", "--config", home.resolve("agent.conf").toString(), "--token", token)
                .redirectOutput(home.resolve("enroll.log").toFile()).start();
        assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(enroll.exitValue()).as(Files.readString(home.resolve("enroll.log"))).isZero();
        String yaml = Files.readString(ROOT.resolve("examples/hello-deployment.yaml"), StandardCharsets.UTF_8)
                .replace("deviceId: demo-device", "deviceId: " + clientId + "-device");
        operator("PUT", "/operator/v1/clients/" + clientId + "/deployments", yaml, "application/yaml");
        agents.add(agent(home, "run", "--config", home.resolve("agent.conf").toString())
                .redirectOutput(home.resolve("agent.log").toFile()).start());
    }

    private static ProcessBuilder agent(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-Xmx48m", "-XX:TieredStopAtLevel=1", "-jar",
                ROOT.resolve("agent-jdk-only/target/agent.jar").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    }

    /** The body of an operator API call that must succeed. */
    String operator(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(operatorUrl() + path))
                .header("Authorization", "Bearer " + wfm.operatorToken())
                .header("X-Operator-Name", "e2e-setup");
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
        return answer.body();
    }

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) every agent process this fleet started, so that no agent polls or reports
     * while the browser acts (a loaded machine must not let a wave finish before the test clicks Pause).
     */
    void freezeAgents(boolean frozen) throws IOException, InterruptedException {
        for (Process agent : agents) {
            Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(agent.pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill %s", agent.pid())
                    .isTrue();
        }
    }

    @Override
    public void close() {
        for (Process agent : agents) {
            agent.destroy();
        }
        for (Process agent : agents) {
            try {
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        wfm.close();
    }
}
