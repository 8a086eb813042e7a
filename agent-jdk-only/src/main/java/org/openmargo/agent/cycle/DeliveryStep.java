package org.openmargo.agent.cycle;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import org.openmargo.agent.schedule.Next;
import org.openmargo.agent.schedule.Outcome;
import org.openmargo.agent.schedule.PollSchedule;
import org.openmargo.agent.schedule.Retry;
import org.openmargo.agent.schedule.WakeUp;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.status.SendOutcome;
import org.openmargo.agent.status.StatusOutbox;
import org.openmargo.agent.status.StatusReport;
import org.openmargo.agent.status.StatusSender;

/**
 * Status delivery (spec d): sends the reports waiting in the outbox, and when {@code status.interval} has passed since
 * the last delivery with nothing waiting, queues the current status of every applied deployment again (spec d.5 leaves
 * re-sending open; a WFM that lost a report gets it back, and its upsert makes the repetition harmless).
 */
final class DeliveryStep implements Step {
    private static final Logger LOG = Logger.getLogger(DeliveryStep.class.getName());

    private final Clock clock;
    private final RandomGenerator random;
    private final Supplier<WakeUp.Settings> settings;
    private final StatusOutbox outbox;
    private final StatusSender sender;
    private final SpecSource specs;
    private final PassState pass;

    DeliveryStep(Clock clock, RandomGenerator random, Supplier<WakeUp.Settings> settings, StatusOutbox outbox,
                 StatusSender sender, SpecSource specs, PassState pass) {
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.outbox = outbox;
        this.sender = sender;
        this.specs = specs;
        this.pass = pass;
    }

    @Override
    public String name() {
        return "status-delivery";
    }

    @Override
    public boolean exchange() {
        return true;
    }

    @Override
    public Next initial(Instant start) {
        return new Next.Delivery(new Outcome.Succeeded(), start, 0, start);
    }

    @Override
    public Next run(Instant now, Next previous) {
        Next.Delivery last = previous instanceof Next.Delivery d ? d : (Next.Delivery) initial(now);
        WakeUp.Settings s = settings.get();
        Instant lastDelivery = last.lastDelivery();
        if (outbox.due().isEmpty() && !now.isBefore(WakeUp.heartbeatAt(last, s, now))) {
            queueHeartbeat();
            lastDelivery = now;
        }
        if (outbox.due().isEmpty() || now.isBefore(WakeUp.sendAt(last, s, now))) {
            return new Next.Delivery(last.last(), last.answeredAt(), last.seed(), lastDelivery);
        }
        return send(s, last, lastDelivery);
    }

    /** Sends what is due; the outcome is counted from when the last answer arrived. */
    Next.Delivery send(WakeUp.Settings s, Next.Delivery last, Instant lastDelivery) {
        SendOutcome outcome = sender.sendDue();
        Instant answered = clock.instant();
        if (outcome instanceof SendOutcome.AllDelivered) {
            return new Next.Delivery(new Outcome.Succeeded(), answered, random.nextLong(), answered);
        }
        int previous = last.last() instanceof Outcome.Failed f ? f.consecutiveFailures() : 0;
        int failures = Math.max(1, PollSchedule.failuresAfter(s.status(), previous, answered));
        Outcome.Failed failed = new Outcome.Failed(failures, answered, outcome instanceof SendOutcome.Pending p
                ? Retries.of(p.hint()) : Retry.configured());
        Next.Delivery next = new Next.Delivery(failed, answered, random.nextLong(), lastDelivery);
        String cause = outcome instanceof SendOutcome.Pending p ? p.cause() : outcome.toString();
        LOG.warning(() -> "status reports pending (" + cause + "), next attempt at "
                + WakeUp.sendAt(next, s, answered));
        return next;
    }

    /** Whether everything waiting was delivered, for {@code --once}. */
    boolean delivered(Next next) {
        return outbox.due().isEmpty() || next instanceof Next.Delivery d && d.last() instanceof Outcome.Succeeded;
    }

    private void queueHeartbeat() {
        try {
            for (var entry : new TreeMap<>(pass.state.applied()).entrySet()) {
                AgentState.Applied applied = entry.getValue();
                if (applied.components().isEmpty()) {
                    continue;
                }
                Optional<String> deviceId = specs.apply(applied.digest()).map(spec -> spec.deviceId())
                        .filter(d -> !d.endsWith("/*"));
                outbox.report(StatusReport.of(entry.getKey(), deviceId, applied.adoptedManifestVersion(),
                        Optional.empty(), applied.components()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not queue the periodic status reports", e);
        }
    }
}
