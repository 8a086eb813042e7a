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
import org.openmargo.agent.observe.PollResult;
import org.openmargo.agent.schedule.Next;
import org.openmargo.agent.schedule.Outcome;
import org.openmargo.agent.schedule.PollSchedule;
import org.openmargo.agent.schedule.Retry;
import org.openmargo.agent.schedule.ScheduleSettings;
import org.openmargo.agent.state.StateStore;
import org.openmargo.agent.sync.ManifestSync;
import org.openmargo.agent.sync.SyncOutcome;

/**
 * The desired-state poll: the capabilities report when it changed, then the manifest sync (spec c). A report throttled
 * with {@code Retry-After} ends the step before the manifest request (spec g: no request before it). Outside the
 * polling windows nothing is sent. The outcome is counted from when the last answer arrived.
 */
final class PollStep implements Step {
    private static final Logger LOG = Logger.getLogger(PollStep.class.getName());

    private final Clock clock;
    private final RandomGenerator random;
    private final Supplier<ScheduleSettings> settings;
    private final CapabilitiesReporter capabilities;
    private final ManifestSync sync;
    private final StateStore store;
    private final PassState pass;

    PollStep(Clock clock, RandomGenerator random, Supplier<ScheduleSettings> settings,
             CapabilitiesReporter capabilities, ManifestSync sync, StateStore store, PassState pass) {
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.capabilities = capabilities;
        this.sync = sync;
        this.store = store;
        this.pass = pass;
    }

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public boolean exchange() {
        return true;
    }

    @Override
    public Next initial(Instant start) {
        return new Next.Prompt(start);
    }

    @Override
    public Next run(Instant now, Next previous) throws InterruptedException {
        Outcome last = previous instanceof Next.Poll p ? p.last() : new Outcome.Succeeded();
        ScheduleSettings s = settings.get();
        if (!s.windows().contains(now)) {
            return new Next.Poll(last, now, random.nextLong());
        }
        Outcome outcome = poll(s, last);
        return new Next.Poll(outcome, clock.instant(), random.nextLong());
    }

    /** Capabilities, sync and, for an accepted manifest, its durable save; the outcome for the schedule. */
    Outcome poll(ScheduleSettings s, Outcome last) throws InterruptedException {
        switch (capabilities.reportIfChanged()) {
            case CapabilitiesReporter.Result.Refused r -> LOG.severe("the WFM refused the capabilities document ("
                    + r.status() + "): check device.* in the configuration");
            case CapabilitiesReporter.Result.Failed f when f.hint().retryAfter().isPresent() -> {
                // Spec g: no request before a Retry-After, so the manifest poll of this pass is not sent either.
                pass.lastSync = Optional.of(clock.instant());
                return failed(s, last, "throttled at the capabilities report", Retries.of(f.hint()),
                        PollResult.UNAVAILABLE);
            }
            default -> { }
        }
        SyncOutcome outcome = sync.sync(pass.state);
        pass.lastSync = Optional.of(clock.instant());
        return switch (outcome) {
            case SyncOutcome.Unchanged u -> succeeded("unchanged", PollResult.UNCHANGED);
            case SyncOutcome.Accepted a -> accepted(a);
            case SyncOutcome.Rejected r -> failed(s, last, "rejected: " + r.reason(), Retry.configured(r.retryAfter()),
                    PollResult.REJECTED);
            case SyncOutcome.Unavailable u -> failed(s, last, "unavailable: " + u.reason(), Retries.of(u.hint()),
                    PollResult.UNAVAILABLE);
        };
    }

    private Outcome accepted(SyncOutcome.Accepted accepted) {
        try {
            // c.7 refinement: the verified desired set is durable before anything is applied.
            store.save(accepted.state());
            pass.state = accepted.state();
            return succeeded("accepted manifest " + pass.state.manifest()
                    .map(m -> Long.toUnsignedString(m.version())).orElse("?"), PollResult.ACCEPTED);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not persist the accepted manifest; it will be fetched again", e);
            pass.polls = pass.polls.plus(PollResult.ERROR);
            return new Outcome.Failed(1, clock.instant());
        }
    }

    private Outcome succeeded(String result, PollResult counted) {
        pass.lastSyncResult = result;
        pass.lastSuccessfulSync = pass.lastSync;
        pass.polls = pass.polls.plus(counted);
        return new Outcome.Succeeded();
    }

    /** A failure counted at the instant its answer arrived (spec g: waits run from the answer, not the pass). */
    private Outcome failed(ScheduleSettings s, Outcome last, String reason, Retry retry, PollResult counted) {
        pass.lastSyncResult = reason;
        pass.polls = pass.polls.plus(counted);
        Instant answered = clock.instant();
        int previous = last instanceof Outcome.Failed f ? f.consecutiveFailures() : 0;
        int failures = Math.max(1, PollSchedule.failuresAfter(s, previous, answered));
        LOG.warning(() -> "desired-state sync " + reason + " (attempt " + failures + ")");
        return new Outcome.Failed(failures, answered, retry);
    }
}
