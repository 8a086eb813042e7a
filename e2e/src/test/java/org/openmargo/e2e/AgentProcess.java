package org.openmargo.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real agent ({@code agent-jdk-only/target/agent.jar}) as a separate process with the simulated runtime: its
 * configuration file, enrollment with a one-time token over the network, and start/stop by its own process handle.
 */
final class AgentProcess implements AutoCloseable {
    private static final Path JAR = Path.of("..", "agent-jdk-only", "target", "agent.jar").toAbsolutePath().normalize();

    final String clientId;
    private final Path dir;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private Process process;

    AgentProcess(Path root, String clientId) throws IOException {
        this.clientId = clientId;
        this.dir = Files.createDirectories(root.resolve(clientId));
    }

    /** Writes agent.conf; {@code failureRate} is the simulated runtime's share of failing installs. */
    void configure(int devicePort, String discovery, String pins, String site, double failureRate)
            throws IOException {
        Files.writeString(dir.resolve("agent.conf"), """
                wfm.url = https://localhost:%d
                trust.discovery-url = %s
                trust.pins = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = simulated
                simulated.step-time = PT0.1S
                simulated.failure-rate = %s
                poll.rate = PT1S
                poll.jitter-percent = 0
                backoff.initial = PT1S
                status.interval = PT1S
                device.id = dev-%s
                device.vendor = OpenMargo
                device.model = e2e
                device.serial = %s
                device.supported-deployment-types = compose
                device.labels.example.com/site = %s
                """.formatted(devicePort, discovery, pins, dir.resolve("svid.pem"), dir.resolve("svid.key"),
                dir.resolve("state"), failureRate, clientId, clientId, site), StandardCharsets.UTF_8);
    }

    void enroll(String token) throws IOException, InterruptedException {
        Path tokenFile = dir.resolve("enroll-token");
        Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
        Process enroll = new ProcessBuilder(java, "-jar", JAR.toString(), "enroll", "--config",
                dir.resolve("agent.conf").toString(), "--token-file", tokenFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("enroll.log").toFile()).start();
        if (!enroll.waitFor(60, TimeUnit.SECONDS) || enroll.exitValue() != 0) {
            enroll.destroyForcibly();
            throw new AssertionError(clientId + " could not enroll: " + Files.readString(dir.resolve("enroll.log")));
        }
        Files.deleteIfExists(tokenFile);
    }

    void start() throws IOException {
        process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx48m", "-XX:TieredStopAtLevel=1", "-jar",
                JAR.toString(), "run", "--config", dir.resolve("agent.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile())).start();
    }

    /** Stops the agent with SIGTERM (it finishes its state writes) and waits for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The last lines of its log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("agent.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
