package org.openmargo.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.openmargo.agent.cycle.Step;
import org.openmargo.agent.renewal.SvidKeeper;
import org.openmargo.agent.schedule.Next;

/**
 * Keeps the SVID current ({@link SvidKeeper}): due when its renewal attempt is, and every {@link #REPLACEMENT_CHECK}
 * to pick up identity files an operator replaced.
 */
final class SvidRenewalStep implements Step {
    /** How often the identity files are checked for an operator's replacement. */
    static final Duration REPLACEMENT_CHECK = Duration.ofSeconds(30);
    private final SvidKeeper keeper;
    private final Clock clock;

    SvidRenewalStep(SvidKeeper keeper, Clock clock) {
        this.keeper = keeper;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "svid-renewal";
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
        keeper.check();
        Instant check = clock.instant().plus(REPLACEMENT_CHECK);
        return new Next.At(keeper.nextAttempt().isBefore(check) ? keeper.nextAttempt() : check);
    }
}
