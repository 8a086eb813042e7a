package org.openmargo.agent.renewal;

import java.time.Duration;
import java.time.Instant;

import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.transport.Svid;

/**
 * When to try renewing the SVID ({@code docs/identity-service.md}, "Renewal"): once two thirds of its lifetime have
 * passed, and after an unsuccessful attempt according to its outcome. Pure functions; the caller keeps the count of
 * consecutive failures.
 */
public final class RenewalSchedule {
    /** How long to wait before asking again a WFM that does not renew (404). */
    public static final Duration NOT_OFFERED_RETRY = Duration.ofDays(1);

    private RenewalSchedule() {
    }

    /** {@code notBefore + 2/3 × (notAfter − notBefore)} of the SVID's leaf. */
    public static Instant renewAt(Svid svid) {
        Instant notBefore = svid.leaf().getNotBefore().toInstant();
        Duration lifetime = Duration.between(notBefore, svid.notAfter());
        return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
    }

    /**
     * The next attempt after {@code outcome}.
     *
     * @param failures consecutive unsuccessful attempts including this one (ignored for {@code Renewed})
     * @param backoff  the agent's retry backoff ({@code backoff.*})
     * @return for {@code Renewed} the new SVID's {@link #renewAt}; {@code NotOffered} a day later; {@code Refused}
     *         the backoff with its cap raised to a day (a retired client should not hammer the WFM, but an operator
     *         who re-accepts it should not wait long); {@code Failed} the backoff
     */
    public static Instant next(RenewalOutcome outcome, int failures, Instant now, Backoff backoff) {
        return switch (outcome) {
            case RenewalOutcome.Renewed r -> renewAt(r.svid());
            case RenewalOutcome.NotOffered n -> now.plus(NOT_OFFERED_RETRY);
            case RenewalOutcome.Refused r -> now.plus(new Backoff(backoff.initial(), Backoff.LONGEST,
                    backoff.multiplier()).delay(failures));
            case RenewalOutcome.Failed f -> now.plus(backoff.delay(failures));
        };
    }
}
