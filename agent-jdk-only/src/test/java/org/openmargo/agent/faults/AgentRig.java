package org.openmargo.agent.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.openmargo.agent.cycle.AgentCycle;
import org.openmargo.agent.cycle.Step;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.schedule.Downtime;
import org.openmargo.agent.schedule.Jitter;
import org.openmargo.agent.schedule.PollWindows;
import org.openmargo.agent.schedule.ScheduleSettings;
import org.openmargo.agent.simulated.SimulatedRuntime;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.StateStore;
import org.openmargo.agent.status.StatusOutbox;
import org.openmargo.agent.status.StatusPort;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.trust.TrustStore;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The agent's cycle assembled as {@code Agent.create} assembles it ({@link AgentCycle#assemble}), but with the test's
 * clock and a seeded random source, a simulated runtime that takes no time (unless a test brings its own), and a
 * fixed capabilities document. The identity and the trust bundle are
 * files, as an operator installs them. The TLS client checks certificate validity on the real clock: the simulated
 * day must not expire the test PKI's certificates.
 */
final class AgentRig implements AutoCloseable {
    /** Poll every 5 min, 10 % jitter, backoff from 10 s doubling up to 10 min, status re-sends every 15 min. */
    static final ScheduleSettings POLL = new ScheduleSettings(Duration.ofMinutes(5), new Jitter(10),
            PollWindows.always(), Downtime.none(), new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 2));
    static final ScheduleSettings STATUS = new ScheduleSettings(Duration.ofMinutes(15), POLL.jitter(),
            POLL.windows(), POLL.downtime(), POLL.backoff());

    final TestClock clock;
    final StateStore store;
    final StatusOutbox outbox;
    final AgentCycle cycle;
    final Path stateDir;
    /** The instant of every status POST the agent attempted, in order. */
    final List<Instant> posts;
    private final WfmClient client;

    private AgentRig(TestClock clock, StateStore store, StatusOutbox outbox, AgentCycle cycle, WfmClient client,
                     Path stateDir, List<Instant> posts) {
        this.posts = posts;
        this.clock = clock;
        this.store = store;
        this.outbox = outbox;
        this.cycle = cycle;
        this.client = client;
        this.stateDir = stateDir;
    }

    /** Writes the SVID of client {@code dev-1} and a bundle trusting the PKI's root into {@code dir/identity}. */
    static Identity writeIdentity(TestPki pki, Path dir) throws IOException {
        Path identity = Files.createDirectories(dir.resolve("identity"));
        TestPki.Svid svid = pki.client("dev-1");
        Identity files = new Identity(identity.resolve("svid.pem"), identity.resolve("svid.key"),
                identity.resolve("bundle.json"));
        TestPki.writeChainPem(files.chain(), svid);
        TestPki.writeKeyPem(files.key(), svid.key());
        TestPki.writeBundleJson(files.bundle(), 1, pki.root());
        return files;
    }

    record Identity(Path chain, Path key, Path bundle) {
    }

    static AgentRig start(TestPki pki, FaultServer server, TestClock clock, Path dir) throws IOException {
        writeIdentity(pki, dir);
        return start(server, clock, dir, () -> POLL, List.of(),
                new SimulatedRuntime(Duration.ZERO, 0.0, new Random(7)));
    }

    /**
     * As {@link #start(TestPki, FaultServer, TestClock, Path)} with the identity already in {@code dir/identity}, the
     * desired-state schedule from {@code poll}, {@code local} steps ahead of the WFM steps, and {@code runtime}.
     */
    static AgentRig start(FaultServer server, TestClock clock, Path dir, Supplier<ScheduleSettings> poll,
                          List<Step> local, WorkloadRuntime runtime) throws IOException {
        Path files = dir.resolve("identity");
        Identity identity = new Identity(files.resolve("svid.pem"), files.resolve("svid.key"),
                files.resolve("bundle.json"));
        Path stateDir = Files.createDirectories(dir.resolve("agent-state"));
        Svid svid = Svid.load(identity.chain(), identity.key());
        TrustStore trust = TrustStore.open(new TrustStore.Settings(Optional.of(identity.bundle()), Optional.empty(),
                Optional.empty(), List.of(), stateDir, Duration.ofHours(1), Optional.of(svid.trustDomain())));
        WfmClient client = WfmClient.create(WfmClient.Settings.of(URI.create("https://127.0.0.1:" + server.port())),
                svid, trust::anchors, Clock.systemUTC());
        List<Instant> posts = new CopyOnWriteArrayList<>();
        StatusPort port = StatusPort.over(client);
        AgentCycle.Assembly assembly = AgentCycle.assemble(new AgentCycle.Parts(clock, new Random(42), poll,
                () -> STATUS, client, Release.DEVICE,
                () -> "{\"apiVersion\":\"device.margo/v1\",\"kind\":\"DeviceCapabilities\"}",
                () -> JsonObject.builder().build(), stateDir, runtime,
                (id, json) -> {
                    posts.add(clock.instant());
                    return port.post(id, json);
                }, local));
        return new AgentRig(clock, assembly.store(), assembly.outbox(), assembly.cycle(), client, stateDir, posts);
    }

    /** Runs the pass due now, moves the clock to the instant it asks for, and returns that instant. */
    Instant pass() throws InterruptedException {
        Instant next = cycle.runDue();
        clock.set(next);
        return next;
    }

    /** The state as a restart would load it. */
    AgentState saved() throws IOException {
        return store.load();
    }

    /** What the last sync found, as {@code agent status} shows it. */
    String lastSyncResult() throws IOException {
        return statusFile().string("lastSyncResult").orElseThrow();
    }

    /** When the last desired-state sync ran, as {@code agent status} shows it ({@code never} before the first). */
    String lastSync() throws IOException {
        return statusFile().string("lastSync").orElseThrow();
    }

    private JsonObject statusFile() throws IOException {
        try {
            return (JsonObject) Json.parse(Files.readAllBytes(stateDir.resolve("agent-status.json")));
        } catch (JsonParseException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
