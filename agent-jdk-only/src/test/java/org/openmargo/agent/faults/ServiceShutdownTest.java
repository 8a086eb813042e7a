package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.log.LogLine;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The agent run as a service ({@link ServiceLauncher}: the jlinked launcher when built, else {@code java -cp}) and
 * stopped with SIGTERM ({@link Process#destroy()} on Linux) while it applies five deployments of two components
 * (simulated runtime, 300 ms per component): it must finish the pass in progress, exit with 143 (128 + SIGTERM),
 * leave no temp file and a state that loads, and have written only documented log lines to stdout and nothing to
 * stderr. Bad configuration must exit 2.
 */
class ServiceShutdownTest {
    /** 5 deployments x 2 components x 300 ms: SIGTERM lands in the middle of the apply. */
    private static final String STEP_TIME = "PT0.3S";

    @TempDir
    Path dir;
    private FaultServer server;
    private Path config;
    private ServiceLauncher launcher;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        server = FaultServer.start(pki, Clock.systemUTC());
        server.publish(Releases.threeVersions().getFirst());
        AgentRig.Identity identity = AgentRig.writeIdentity(pki, dir);
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:%d
                trust.bundle = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = simulated
                simulated.step-time = %s
                poll.rate = PT1H
                device.id = %s
                device.vendor = Example Industrial
                device.model = EX-1
                device.serial = SN-0001
                device.supported-deployment-types = helm
                """.formatted(server.port(), identity.bundle(), identity.chain(), identity.key(),
                dir.resolve("agent-state"), STEP_TIME, Release.DEVICE));
        launcher = ServiceLauncher.find();
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        server.close();
    }

    @Test
    void agent_sigtermWhileApplying_finishesThePassAndExits143() throws Exception {
        Process agent = start("service", "run", "--config", config.toString());
        awaitFirstStatus(agent);
        agent.destroy();

        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as("stopped in time (%s)", launcher.name()).isTrue();
        assertThat(agent.exitValue()).as("exit code (%s)", launcher.name()).isEqualTo(143);
        assertThat(tempFiles(dir.resolve("agent-state"))).as("temp files left").isEmpty();
        AgentState state = StateCheck.assertConsistent(dir.resolve("agent-state"), dir.resolve("check"));
        assertThat(state.applied()).as("the pass in progress was finished").hasSize(5);
        state.applied().values().forEach(a -> assertThat(a.components()).extracting(ComponentStatus::state)
                .containsOnly(ComponentState.INSTALLED));
        JsonObject status = (JsonObject) Json.parse(Files.readAllBytes(dir.resolve("agent-state/agent-status.json")));
        assertThat(status.string("lastSync").orElseThrow()).isNotEqualTo("never");
        assertLogIsDocumentedLinesOnly("service", "accepted manifest version 1 with 5 deployment(s)");
    }

    @Test
    void agent_sigtermWhenIdle_exits143WithinOneSecond() throws Exception {
        Process agent = start("service", "run", "--config", config.toString());
        for (int i = 0; i < 3000 && installed() < 5 && agent.isAlive(); i++) {
            Thread.sleep(10);
        }
        assertThat(installed()).as("converged before SIGTERM (%s)", launcher.name()).isEqualTo(5);
        Thread.sleep(1000); // the pass that delivered the last report ends; then only the 1 s config check wakes it
        int requests = server.requests().size();

        long sent = System.nanoTime();
        agent.destroy();
        boolean exited = agent.waitFor(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(exited).as("exited (%s)", launcher.name()).isTrue();
        assertThat(agent.exitValue()).isEqualTo(143);
        assertThat(took).as("SIGTERM to exit (%s)", launcher.name()).isLessThan(Duration.ofSeconds(1));
        assertThat(server.requests()).as("no request after SIGTERM").hasSize(requests);
    }

    private long installed() {
        return StatusBody.parseAll(server.statuses()).stream().filter(s -> s.state().equals("installed"))
                .map(StatusBody::deploymentId).distinct().count();
    }

    @Test
    void agent_restartedAfterSigterm_convergesInOnePass() throws Exception {
        Process agent = start("service", "run", "--config", config.toString());
        awaitFirstStatus(agent);
        agent.destroy();
        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Process again = start("restart", "--once", "--config", config.toString());
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as("--once after the restart (%s)", launcher.name()).isZero();
        try (Stream<Path> outbox = Files.list(dir.resolve("agent-state/outbox"))) {
            assertThat(outbox.filter(f -> f.toString().endsWith(".json"))).as("undelivered reports").isEmpty();
        }
        assertThat(StatusBody.parseAll(server.statuses()).stream().filter(s -> s.state().equals("installed"))
                .map(StatusBody::deploymentId).distinct()).hasSize(5);
        assertLogIsDocumentedLinesOnly("restart", " WARNING org.openmargo.agent.Agent: runtime = simulated");
    }

    @Test
    void agent_badConfiguration_exits2AndNamesTheLine() throws Exception {
        Files.writeString(config, Files.readString(config).replace("poll.rate = PT1H", "poll.rate = hourly"));

        Process agent = start("service", "run", "--config", config.toString());

        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).as("exit code (%s)", launcher.name()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("service.err"))).contains(config + ":8: poll.rate:");
        assertThat(server.requests()).as("no request with a bad configuration").isEmpty();
    }

    /** Starts the agent; its stdout goes to {@code <run>.out}, its stderr to {@code <run>.err}. */
    private Process start(String run, String... args) throws Exception {
        Process process = launcher.start(dir.resolve(run + ".out"), dir.resolve(run + ".err"), args);
        children.add(process);
        return process;
    }

    /** Waits (bounded) until the first status report arrived: from then on the agent is applying. */
    private void awaitFirstStatus(Process agent) throws Exception {
        for (int i = 0; i < 3000 && server.statuses().isEmpty() && agent.isAlive(); i++) {
            Thread.sleep(10);
        }
        assertThat(server.statuses()).as("a status report before SIGTERM (%s); stderr: %s", launcher.name(),
                Files.readString(dir.resolve("service.err"))).isNotEmpty();
    }

    /** Every stdout line of the run is a {@link LogLine} line, one of them has {@code expected}; stderr is empty. */
    private void assertLogIsDocumentedLinesOnly(String run, String expected) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(run + ".out"));
        assertThat(lines).as("stdout of %s", launcher.name()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(LogLine.PATTERN))
                .anySatisfy(line -> assertThat(line).contains(expected));
        assertThat(Files.readString(dir.resolve(run + ".err"))).as("stderr of %s", launcher.name()).isEmpty();
    }

    private static List<Path> tempFiles(Path stateDir) throws Exception {
        try (Stream<Path> walk = Files.walk(stateDir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
