package org.openmargo.agent.cycle;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import org.openmargo.agent.capabilities.CapabilitiesReporter;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.runtime.ReconcileOutcome;
import org.openmargo.agent.runtime.Reconciler;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.schedule.Outcome;
import org.openmargo.agent.schedule.PollSchedule;
import org.openmargo.agent.schedule.Retry;
import org.openmargo.agent.schedule.ScheduleSettings;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.StateStore;
import org.openmargo.agent.status.SendOutcome;
import org.openmargo.agent.status.StatusOutbox;
import org.openmargo.agent.status.StatusReport;
import org.openmargo.agent.status.StatusSender;
import org.openmargo.agent.sync.ManifestSync;
import org.openmargo.agent.sync.SyncOutcome;

/**
 * One pass of the agent: the steps that are due at the current instant, in order (capabilities, desired-state sync,
 * reconcile, status reports), each returning an outcome; this class alone turns outcomes into the next run time
 * through {@link PollSchedule}. During a downtime window nothing is sent and nothing is logged as an error; the pass
 * after it makes one prompt attempt (spec g). Outside the polling windows only status reports go out.
 *
 * <p>Not thread safe: {@link AgentLoop} runs it from one thread.
 */
public final class AgentCycle {
    private static final Logger LOG = Logger.getLogger(AgentCycle.class.getName());
    /** The earliest next pass: a pass never schedules the next one at or before its own start. */
    static final java.time.Duration SOONEST = java.time.Duration.ofMillis(100);

    private final Clock clock;
    private final RandomGenerator random;
    private final Supplier<ScheduleSettings> pollSettings;
    private final Supplier<ScheduleSettings> statusSettings;
    private final CapabilitiesReporter capabilities;
    private final ManifestSync sync;
    private final StateStore store;
    private final Reconciler reconciler;
    private final SpecSource specs = new SpecSource();
    private final StatusOutbox outbox;
    private final StatusSender sender;
    private final AgentStatusFile statusFile;

    private AgentState state;
    private Outcome lastPoll = new Outcome.Succeeded();
    private Outcome lastSend = new Outcome.Succeeded();
    private Instant nextPoll;
    private Instant nextSend;
    private Optional<Instant> lastSync = Optional.empty();
    private Instant lastHeartbeat;
    private String lastSyncResult = "none yet";

    AgentCycle(Parts parts) throws IOException {
        this.clock = parts.clock();
        this.random = parts.random();
        this.pollSettings = parts.pollSettings();
        this.statusSettings = parts.statusSettings();
        this.capabilities = parts.capabilities();
        this.sync = parts.sync();
        this.store = parts.store();
        this.reconciler = new Reconciler(parts.runtime(), specs, parts.outbox(), parts.store()::save,
                parts.capabilitiesDocument());
        this.outbox = parts.outbox();
        this.sender = parts.sender();
        this.statusFile = parts.statusFile();
        this.state = store.load();
        this.nextPoll = clock.instant();
        this.nextSend = clock.instant();
        this.lastHeartbeat = clock.instant();
    }

    /**
     * Everything the cycle needs.
     *
     * @param pollSettings   the current desired-state schedule (re-read every pass: changes apply without restart)
     * @param statusSettings the current status-report schedule
     * @param capabilitiesDocument the device's current capabilities document, for the eligibility check
     */
    public record Parts(Clock clock, RandomGenerator random, Supplier<ScheduleSettings> pollSettings,
                        Supplier<ScheduleSettings> statusSettings, CapabilitiesReporter capabilities,
                        Supplier<JsonObject> capabilitiesDocument,
                        ManifestSync sync, StateStore store, WorkloadRuntime runtime, StatusOutbox outbox,
                        StatusSender sender, AgentStatusFile statusFile) {
    }

    /** Creates the cycle and loads the persisted state. */
    public static AgentCycle create(Parts parts) throws IOException {
        return new AgentCycle(parts);
    }

    /** Runs what is due now and returns when the next pass should run. */
    public Instant runDue() throws InterruptedException {
        Instant now = clock.instant();
        ScheduleSettings settings = pollSettings.get();
        Optional<Instant> downtimeEnd = settings.downtime().activeUntil(now);
        if (downtimeEnd.isPresent()) {
            LOG.fine(() -> "in a downtime window until " + downtimeEnd.get() + ": no communication");
            nextPoll = later(nextPoll, downtimeEnd.get());
            nextSend = later(nextSend, downtimeEnd.get());
            return record(downtimeEnd.get());
        }
        if (!now.isBefore(nextPoll)) {
            if (settings.windows().contains(now)) {
                poll(now, settings);
            }
            nextPoll = PollSchedule.nextPoll(settings, now, lastPoll, random);
        }
        reconcile();
        heartbeat(now);
        if (!outbox.due().isEmpty() && !now.isBefore(nextSend)) {
            send(now);
        }
        // The heartbeat waits while reports are pending: counting it then would wake the agent in a busy loop.
        Instant wake = outbox.due().isEmpty() ? min(nextPoll, lastHeartbeat.plus(statusSettings.get().pollRate()))
                : min(nextPoll, nextSend);
        return record(wake.isAfter(now) ? wake : now.plus(SOONEST));
    }

    /**
     * One full pass now, ignoring the schedule and the polling windows (for {@code --once}): capabilities, sync,
     * reconcile, send.
     *
     * @return whether the sync and every status delivery succeeded
     */
    public boolean runOnce() throws InterruptedException {
        Instant now = clock.instant();
        poll(now, pollSettings.get());
        reconcile();
        boolean delivered = outbox.due().isEmpty() || send(now);
        record(now);
        return lastPoll instanceof Outcome.Succeeded && delivered;
    }

    /** The state as last loaded or changed. */
    public AgentState state() {
        return state;
    }

    private void poll(Instant now, ScheduleSettings settings) throws InterruptedException {
        switch (capabilities.reportIfChanged()) {
            case CapabilitiesReporter.Result.Refused r -> LOG.severe("the WFM refused the capabilities document ("
                    + r.status() + "): check device.* in the configuration");
            case CapabilitiesReporter.Result.Failed f when f.hint().retryAfter().isPresent() -> {
                // Spec g: no request before a Retry-After, so the manifest poll of this pass is not sent either.
                lastSync = Optional.of(now);
                lastPoll = failed(settings, now, "throttled at the capabilities report", Retries.of(f.hint()));
                return;
            }
            default -> { }
        }
        SyncOutcome outcome = sync.sync(state);
        lastSync = Optional.of(now);
        lastPoll = switch (outcome) {
            case SyncOutcome.Unchanged u -> succeeded("unchanged");
            case SyncOutcome.Accepted a -> accepted(a);
            case SyncOutcome.Rejected r -> failed(settings, now, "rejected: " + r.reason(),
                    Retry.configured(r.retryAfter()));
            case SyncOutcome.Unavailable u -> failed(settings, now, "unavailable: " + u.reason(), Retries.of(u.hint()));
        };
    }

    private Outcome accepted(SyncOutcome.Accepted accepted) {
        try {
            // c.7 refinement: the verified desired set is durable before anything is applied.
            store.save(accepted.state());
            state = accepted.state();
            return succeeded("accepted manifest " + state.manifest().map(m -> Long.toUnsignedString(m.version()))
                    .orElse("?"));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not persist the accepted manifest; it will be fetched again", e);
            return new Outcome.Failed(1, clock.instant());
        }
    }

    private Outcome succeeded(String result) {
        lastSyncResult = result;
        return new Outcome.Succeeded();
    }

    private Outcome failed(ScheduleSettings settings, Instant now, String reason, Retry retry) {
        lastSyncResult = reason;
        int previous = failures(lastPoll);
        int failures = PollSchedule.failuresAfter(settings, previous, now);
        LOG.warning(() -> "desired-state sync " + reason + " (attempt " + failures + ")");
        return new Outcome.Failed(failures, now, retry);
    }

    private void reconcile() {
        specs.use(state);
        ReconcileOutcome outcome = reconciler.reconcile(state);
        state = switch (outcome) {
            case ReconcileOutcome.Converged c -> c.state();
            case ReconcileOutcome.Unsettled u -> u.state();
            case ReconcileOutcome.Degraded d -> {
                LOG.warning(() -> "deployments failed: " + d.deploymentIds());
                yield d.state();
            }
            case ReconcileOutcome.Stalled s -> {
                LOG.severe(() -> "reconcile stalled: " + s.reason());
                yield s.state();
            }
        };
    }

    /**
     * When {@code status.interval} has passed since the last delivery (or the start) and nothing is waiting in the
     * outbox, the current status of every applied deployment is reported again (spec d.5 leaves re-sending open; a WFM that lost or never stored a report gets it
     * back, and the WFM's upsert makes the repetition harmless).
     */
    private void heartbeat(Instant now) {
        if (now.isBefore(lastHeartbeat.plus(statusSettings.get().pollRate())) || !outbox.due().isEmpty()) {
            return;
        }
        lastHeartbeat = now;
        try {
            for (var entry : new java.util.TreeMap<>(state.applied()).entrySet()) {
                AgentState.Applied applied = entry.getValue();
                if (applied.components().isEmpty()) {
                    continue;
                }
                Optional<String> deviceId = specs.apply(applied.digest()).map(s -> s.deviceId())
                        .filter(d -> !d.endsWith("/*"));
                outbox.report(StatusReport.of(entry.getKey(), deviceId, applied.adoptedManifestVersion(),
                        Optional.empty(), applied.components()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not queue the periodic status reports", e);
        }
    }

    private boolean send(Instant now) {
        SendOutcome outcome = sender.sendDue();
        ScheduleSettings settings = statusSettings.get();
        boolean delivered = outcome instanceof SendOutcome.AllDelivered;
        if (delivered) {
            lastSend = new Outcome.Succeeded();
            nextSend = now;
            lastHeartbeat = now;
        } else {
            int failures = PollSchedule.failuresAfter(settings, failures(lastSend), now);
            lastSend = new Outcome.Failed(failures, now, outcome instanceof SendOutcome.Pending p
                    ? Retries.of(p.hint()) : Retry.configured());
            nextSend = PollSchedule.nextSend(settings, now, lastSend, random);
            String cause = outcome instanceof SendOutcome.Pending p ? p.cause() : outcome.toString();
            LOG.warning(() -> "status reports pending (" + cause + "), next attempt at " + nextSend);
        }
        return delivered;
    }

    private Instant record(Instant wake) {
        statusFile.write(new AgentStatusFile.Snapshot(lastSync, lastSyncResult, nextPoll, state,
                outbox.due().size()));
        return wake;
    }

    private static int failures(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Succeeded s -> 0;
            case Outcome.Failed f -> f.consecutiveFailures();
        };
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
