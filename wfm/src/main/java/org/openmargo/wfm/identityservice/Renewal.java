package org.openmargo.wfm.identityservice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a short-lived credential fresh: it is renewed when two thirds of its lifetime have passed, by a one-shot task
 * re-armed after each run (never a fixed rate: a failing run must not stop later ones). A failed renewal is retried
 * after a tenth of the lifetime, at most a minute, while the old credential is still valid.
 */
final class Renewal {
    private static final Logger LOG = Logger.getLogger(Renewal.class.getName());
    private static final Duration MIN_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    /** When a credential was issued and when it expires. */
    record Validity(Instant issuedAt, Instant notAfter) {
        Duration lifetime() {
            return Duration.between(issuedAt, notAfter);
        }
    }

    private final String what;
    private final Supplier<Validity> renew;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final RenewalCounts counts;

    /**
     * @param what   names the credential in logs
     * @param renew  issues and installs a fresh credential, answering its validity
     * @param counts counts each run's outcome
     */
    Renewal(String what, Supplier<Validity> renew, ScheduledExecutorService executor, Clock clock,
            RenewalCounts counts) {
        this.counts = counts;
        this.what = what;
        this.renew = renew;
        this.executor = executor;
        this.clock = clock;
    }

    /** Schedules the first renewal for the credential installed now. Call once. */
    void start(Validity current) {
        arm(renewalTime(current), current);
    }

    /** Two thirds into the lifetime. */
    static Instant renewalTime(Validity v) {
        return v.issuedAt().plus(v.lifetime().multipliedBy(2).dividedBy(3));
    }

    private void run(Validity previous) {
        try {
            Validity fresh = renew.get();
            counts.succeeded.increment();
            LOG.info(() -> what + " renewed, valid until " + fresh.notAfter());
            arm(renewalTime(fresh), fresh);
        } catch (RuntimeException e) {
            counts.failed.increment();
            Duration retry = previous.lifetime().dividedBy(10);
            retry = retry.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry;
            LOG.log(Level.WARNING, what + " renewal failed; retrying in " + retry + " (current one valid until "
                    + previous.notAfter() + ")", e);
            arm(clock.instant().plus(retry), previous);
        }
    }

    private void arm(Instant at, Validity current) {
        Duration delay = Duration.between(clock.instant(), at);
        if (delay.compareTo(MIN_DELAY) < 0) {
            delay = MIN_DELAY;
        }
        try {
            executor.schedule(() -> run(current), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The executor shut down: that is how renewal stops.
        }
    }
}
