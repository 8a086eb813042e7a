package org.openmargo.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

import org.openmargo.agent.cycle.Step;
import org.openmargo.agent.schedule.Next;
import org.openmargo.agent.trust.RefreshOutcome;
import org.openmargo.agent.trust.TrustStore;

/** Refreshes the trust bundle at start and then when the trust store says the next refresh is due. */
final class TrustRefreshStep implements Step {
    private static final Logger LOG = Logger.getLogger(TrustRefreshStep.class.getName());
    private final TrustStore trust;
    private final Clock clock;
    private volatile Optional<Instant> confirmed = Optional.empty();

    TrustRefreshStep(TrustStore trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /** When the last refresh of this run found the bundle new or unchanged; empty before that. */
    Optional<Instant> lastConfirmed() {
        return confirmed;
    }

    @Override
    public String name() {
        return "trust-refresh";
    }

    @Override
    public boolean exchange() {
        return false;
    }

    @Override
    public Next initial(Instant start) {
        return new Next.At(start);
    }

    @Override
    public Next run(Instant now, Next previous) {
        RefreshOutcome outcome = trust.refresh();
        LOG.fine(() -> "trust bundle refresh: " + outcome);
        if (outcome instanceof RefreshOutcome.Updated || outcome instanceof RefreshOutcome.Unchanged) {
            confirmed = Optional.of(clock.instant());
        }
        return new Next.At(clock.instant().plus(trust.nextRefreshIn()));
    }
}
