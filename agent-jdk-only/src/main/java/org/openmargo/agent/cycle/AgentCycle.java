package org.openmargo.agent.cycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import org.openmargo.agent.capabilities.CapabilitiesReporter;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.observe.AgentSnapshot;
import org.openmargo.agent.observe.IdentityFacts;
import org.openmargo.agent.observe.PrometheusTextfile;
import org.openmargo.agent.runtime.Reconciler;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.schedule.Next;
import org.openmargo.agent.schedule.Outcome;
import org.openmargo.agent.schedule.ScheduleSettings;
import org.openmargo.agent.schedule.WakeUp;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.StateStore;
import org.openmargo.agent.status.StatusOutbox;
import org.openmargo.agent.status.StatusPort;
import org.openmargo.agent.status.StatusSender;
import org.openmargo.agent.sync.ManifestSync;
import org.openmargo.agent.transport.WfmClient;

/**
 * The agent's work as an ordered list of {@link Step}s: the local ones the caller adds (configuration reload, trust
 * refresh, SVID renewal), then the desired-state poll, reconcile, and status delivery. The cycle keeps each step's last
 * {@link Next} and nothing else about time: {@link WakeUp} alone decides which steps are due and when to wake next,
 * from those outcomes, the settings in force at that moment and the clock. A step talking to the WFM is never due in a
 * downtime window; reconcile runs with every pass that talks to the WFM and on its own while deployments converge.
 *
 * <p>Not thread safe: {@link AgentLoop} runs it from one thread.
 */
public final class AgentCycle {
    private static final Logger LOG = Logger.getLogger(AgentCycle.class.getName());
    private final Clock clock;
    private final Supplier<WakeUp.Settings> settings;
    private final StatusOutbox outbox;
    private final AgentStatusFile statusFile;
    private final PassState pass;
    private final PollStep poll;
    private final DeliveryStep delivery;
    private final ReconcileStep reconcile;
    private final Map<Step, Next> next = new LinkedHashMap<>();
    private final String deviceId;
    private final Supplier<IdentityFacts> identity;
    private final Optional<PrometheusTextfile> textfile;

    private AgentCycle(Parts parts, List<Step> steps, PassState pass, PollStep poll, ReconcileStep reconcile,
                       DeliveryStep delivery, StatusOutbox outbox) {
        this.clock = parts.clock();
        this.settings = () -> new WakeUp.Settings(parts.pollSettings().get(), parts.statusSettings().get());
        this.outbox = outbox;
        this.statusFile = new AgentStatusFile(parts.stateDir());
        this.pass = pass;
        this.poll = poll;
        this.reconcile = reconcile;
        this.delivery = delivery;
        this.deviceId = parts.deviceId();
        this.identity = parts.identity();
        this.textfile = parts.metricsTextfile().map(PrometheusTextfile::new);
        pass.lastSuccessfulSync = statusFile.previousSuccessfulSync();
        Instant start = clock.instant();
        steps.forEach(step -> next.put(step, step.initial(start)));
    }

    /**
     * What the cycle is built from: the same for the agent and for the tests, which differ only in these values.
     *
     * @param pollSettings   the current desired-state schedule (asked at every decision: changes apply at once)
     * @param statusSettings the current status-report schedule
     * @param capabilities   the device's capabilities document as JSON text (reported when it changes)
     * @param port           where status reports are posted ({@link StatusPort#over} the client in production)
     * @param local          steps that run before the WFM steps (configuration, trust, SVID), possibly none
     * @param identity       the SVID expiry and trust bundle refresh, as the local steps last saw them
     * @param metricsTextfile where to write the Prometheus textfile after each pass ({@code metrics.textfile})
     */
    public record Parts(Clock clock, RandomGenerator random, Supplier<ScheduleSettings> pollSettings,
                        Supplier<ScheduleSettings> statusSettings, WfmClient client, String deviceId,
                        Supplier<String> capabilities, Supplier<JsonObject> capabilitiesDocument, Path stateDir,
                        WorkloadRuntime runtime, StatusPort port, List<Step> local, Supplier<IdentityFacts> identity,
                        Optional<Path> metricsTextfile) {
        /** Parts without identity facts and without a metrics textfile. */
        public Parts(Clock clock, RandomGenerator random, Supplier<ScheduleSettings> pollSettings,
                     Supplier<ScheduleSettings> statusSettings, WfmClient client, String deviceId,
                     Supplier<String> capabilities, Supplier<JsonObject> capabilitiesDocument, Path stateDir,
                     WorkloadRuntime runtime, StatusPort port, List<Step> local) {
            this(clock, random, pollSettings, statusSettings, client, deviceId, capabilities, capabilitiesDocument,
                    stateDir, runtime, port, local, IdentityFacts::unknown, Optional.empty());
        }
    }

    /** The assembled cycle and the durable stores it owns (the tests read them). */
    public record Assembly(AgentCycle cycle, StateStore store, StatusOutbox outbox) {
    }

    /**
     * Wires the cycle: state store, outbox, sender, capabilities reporter, sync, reconciler, and the steps.
     *
     * @throws IOException when the state directory cannot be used
     */
    public static Assembly assemble(Parts parts) throws IOException {
        StateStore store = StateStore.open(parts.stateDir().resolve("state"));
        StatusOutbox outbox = StatusOutbox.open(parts.stateDir().resolve("outbox"));
        StatusSender sender = new StatusSender(outbox, parts.port(), parts.clock());
        CapabilitiesReporter capabilities = new CapabilitiesReporter(parts.client(), parts.deviceId(),
                parts.capabilities(), parts.stateDir(), parts.clock());
        PassState pass = new PassState(store.load());
        SpecSource specs = new SpecSource();
        PollStep poll = new PollStep(parts.clock(), parts.random(), parts.pollSettings(), capabilities,
                new ManifestSync(parts.client(), parts.clock()), store, pass);
        ReconcileStep reconcile = new ReconcileStep(parts.clock(), new Reconciler(parts.runtime(), specs, outbox,
                store::save, parts.capabilitiesDocument()), specs, pass);
        Supplier<WakeUp.Settings> settings = () -> new WakeUp.Settings(parts.pollSettings().get(),
                parts.statusSettings().get());
        DeliveryStep delivery = new DeliveryStep(parts.clock(), parts.random(), settings, outbox, sender, specs, pass);
        List<Step> steps = new ArrayList<>(parts.local());
        steps.addAll(List.of(poll, reconcile, delivery));
        return new Assembly(new AgentCycle(parts, steps, pass, poll, reconcile, delivery, outbox), store, outbox);
    }

    /**
     * Runs every step that is due, in order, each checked at the instant it would start, and returns the next
     * wake-up. Reconcile runs when its own time has come or when a step talking to the WFM is due at the start.
     */
    public Instant runDue() throws InterruptedException {
        Instant start = clock.instant();
        WakeUp.Settings atStart = settings.get();
        boolean exchangeDue = next.entrySet().stream().anyMatch(e -> e.getKey().exchange()
                && isDue(e.getValue(), atStart, start));
        WakeUp.Settings s;
        boolean ran = false;
        for (Map.Entry<Step, Next> entry : next.entrySet()) {
            Instant now = clock.instant();
            s = settings.get();
            boolean due = entry.getValue() instanceof Next.WithPass ? exchangeDue : isDue(entry.getValue(), s, now);
            if (due) {
                entry.setValue(entry.getKey().run(now, entry.getValue()));
                ran |= entry.getKey() == poll || entry.getKey() == reconcile || entry.getKey() == delivery;
            }
        }
        Instant now = clock.instant();
        s = settings.get();
        WakeUp.Decision wake = decide(s, now);
        if (ran) {
            record(wake, now);
        }
        return wake.at();
    }

    /**
     * One full pass now, ignoring the schedule and the polling windows (for {@code --once}): the local steps that are
     * due (at start: trust refresh and SVID check), capabilities, sync, reconcile, send.
     *
     * @return whether the sync and every status delivery succeeded
     */
    public boolean runOnce() throws InterruptedException {
        Instant now = clock.instant();
        WakeUp.Settings s = settings.get();
        for (Map.Entry<Step, Next> entry : next.entrySet()) {
            boolean local = entry.getKey() != poll && entry.getKey() != reconcile && entry.getKey() != delivery;
            if (local && isDue(entry.getValue(), s, now)) {
                entry.setValue(entry.getKey().run(now, entry.getValue()));
            }
        }
        Outcome polled = poll.poll(s.poll(), new Outcome.Succeeded());
        next.put(poll, new Next.Poll(polled, clock.instant(), 0));
        next.put(reconcile, reconcile.run(clock.instant(), next.get(reconcile)));
        boolean delivered = true;
        if (pending()) {
            Next.Delivery sent = delivery.send(s, (Next.Delivery) next.get(delivery),
                    ((Next.Delivery) next.get(delivery)).lastDelivery());
            next.put(delivery, sent);
            delivered = delivery.delivered(sent);
        }
        Instant end = clock.instant();
        record(decide(settings.get(), end), end);
        return polled instanceof Outcome.Succeeded && delivered;
    }

    /** The state as last loaded or changed. */
    public AgentState state() {
        return pass.state;
    }

    private boolean isDue(Next n, WakeUp.Settings s, Instant now) {
        return WakeUp.due(n, s, pending(), now).map(at -> !at.isAfter(now)).orElse(false);
    }

    private boolean pending() {
        return !outbox.due().isEmpty();
    }

    /** The one wake-up decision: {@link WakeUp#decide} over every step's last outcome, in step order. */
    private WakeUp.Decision decide(WakeUp.Settings s, Instant now) {
        return WakeUp.decide(next.entrySet().stream().map(e -> Map.entry(e.getKey().name(), e.getValue())).toList(),
                s, pending(), now);
    }

    /** The same decision over the steps that talk to the WFM only: the next exchange, for the status. */
    private WakeUp.Decision decideExchange(Instant now) {
        return WakeUp.decide(next.entrySet().stream().filter(e -> e.getKey().exchange())
                .map(e -> Map.entry(e.getKey().name(), e.getValue())).toList(), settings.get(), pending(), now);
    }

    /** Writes the status file and, when configured, the metrics textfile; a failed write is logged, never thrown. */
    private void record(WakeUp.Decision wake, Instant now) {
        AgentSnapshot snapshot = new AgentSnapshot(now, deviceId,
                pass.lastSync.map(at -> new AgentSnapshot.Sync(at, pass.lastSyncResult)), pass.lastSuccessfulSync,
                pass.state.manifest().map(m -> Long.toUnsignedString(m.version())),
                AgentSnapshot.deployments(pass.state), outbox.due().size(), wake, decideExchange(now), identity.get(),
                pass.polls);
        statusFile.write(snapshot);
        textfile.ifPresent(file -> {
            try {
                file.write(snapshot);
            } catch (IOException e) {
                LOG.warning("could not write the metrics textfile " + file.path() + ": " + e.getMessage());
            }
        });
    }
}
