package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The agent in a child JVM ({@link AgentProcess}, simulated runtime: 200 ms per component) is killed with
 * {@code destroyForcibly()} at random moments while it applies deployments, and restarted on the same state directory
 * each time, while the WFM moves from version 1 to 3. Every restart must find a consistent state; a clean run at the
 * end must converge on the WFM's manifest and deliver every deployment's final status.
 */
class KillDuringApplyTest {
    private static final int KILLS = 5;
    private static final long SEED = 2030;

    @TempDir
    Path dir;
    private FaultServer server;
    private Path config;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        server = FaultServer.start(pki, Clock.systemUTC());
        AgentRig.Identity identity = AgentRig.writeIdentity(pki, dir);
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:%d
                trust.bundle = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = simulated
                device.id = %s
                device.vendor = Example Industrial
                device.model = EX-1
                device.serial = SN-0001
                device.supported-deployment-types = helm
                """.formatted(server.port(), identity.bundle(), identity.chain(), identity.key(),
                dir.resolve("agent-state"), Release.DEVICE));
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        server.close();
    }

    @Test
    void agent_killedWhileApplying_restartsFromAConsistentStateAndConverges() throws Exception {
        List<Release> releases = Releases.threeVersions();
        Random random = new Random(SEED);
        for (int kill = 0; kill < KILLS; kill++) {
            server.publish(releases.get(Math.min(kill / 2, 2)));
            int polls = manifestPolls();
            Process child = child("loop");
            awaitManifestPoll(polls, child);
            // Real time, on purpose: the child runs on the real clock and the moment of the kill is the variable.
            Thread.sleep(200 + random.nextInt(1200));
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            StateCheck.assertConsistent(dir.resolve("agent-state"), dir.resolve("check-" + kill));
        }
        Process last = child("converge");
        assertThat(last.waitFor(30, TimeUnit.SECONDS)).as("converged in time").isTrue();
        assertThat(last.exitValue()).isZero();

        AgentState state = StateCheck.assertConsistent(dir.resolve("agent-state"), dir.resolve("check-final"));
        Release three = releases.get(2);
        assertThat(state.manifest().orElseThrow().version()).isEqualTo(3);
        assertThat(state.manifest().orElseThrow().etag()).isEqualTo(three.etag());
        assertThat(state.applied()).hasSameSizeAs(three.deployments());
        for (Release.Deployment d : three.deployments()) {
            AgentState.Applied applied = state.applied().get(d.id());
            assertThat(applied.digest()).isEqualTo(d.digest());
            assertThat(applied.components()).extracting(ComponentStatus::state).containsOnly(ComponentState.INSTALLED);
            assertThat(lastStatus(d.id())).isEqualTo(new StatusBody(d.id(), applied.adoptedManifestVersion(),
                    "installed"));
        }
        for (String dropped : Releases.droppedBy(releases)) {
            List<StatusBody> about = statusesOf(dropped);
            if (!about.isEmpty()) {
                assertThat(about.getLast().state()).as("last status of dropped %s", dropped).isEqualTo("removed");
            }
        }
        try (var outbox = Files.list(dir.resolve("agent-state/outbox"))) {
            assertThat(outbox.filter(f -> f.toString().endsWith(".json"))).isEmpty();
        }
    }

    private Process child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), AgentProcess.class.getName(), config.toString(), mode);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dir.resolve("agent.log").toFile()));
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private int manifestPolls() {
        return (int) server.requests().stream().filter(r -> r.path().equals("/api/v1/deployments")).count();
    }

    /** Waits (bounded) until the child asked for the manifest: from then on it syncs and applies. */
    private void awaitManifestPoll(int before, Process child) throws InterruptedException {
        for (int i = 0; i < 1000 && manifestPolls() == before && child.isAlive(); i++) {
            Thread.sleep(10);
        }
        assertThat(manifestPolls()).as("the child polled").isGreaterThan(before);
    }

    private List<StatusBody> statusesOf(String deploymentId) {
        return StatusBody.parseAll(server.statuses()).stream().filter(s -> s.deploymentId().equals(deploymentId))
                .toList();
    }

    private StatusBody lastStatus(String deploymentId) {
        return statusesOf(deploymentId).getLast();
    }
}
