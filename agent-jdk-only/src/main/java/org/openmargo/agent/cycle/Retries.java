package org.openmargo.agent.cycle;

import org.openmargo.agent.schedule.Retry;
import org.openmargo.agent.transport.RetryHint;

/**
 * Turns what a WFM answer said about retrying into the schedule's terms (digest g: use {@code retryable} to decide,
 * apply {@code backoffStrategy}, honour {@code Retry-After}).
 */
final class Retries {
    private Retries() {
    }

    /**
     * The WFM's strategy when the answer is retryable and names one; otherwise (not retryable, {@code none}, or no
     * strategy named) the configured backoff. The named wait is kept in every case: it is never undercut.
     */
    static Retry of(RetryHint hint) {
        if (!hint.retryable() || hint.backoff().isEmpty()) {
            return Retry.configured(hint.retryAfter());
        }
        Retry.Strategy strategy = switch (hint.backoff().get()) {
            case FIXED -> Retry.Strategy.FIXED;
            case EXPONENTIAL -> Retry.Strategy.EXPONENTIAL;
            // RetryHint makes "none" non-retryable; kept for an exhaustive switch.
            case NONE -> Retry.Strategy.CONFIGURED;
        };
        return new Retry(strategy, hint.retryAfter());
    }
}
