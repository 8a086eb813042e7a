package org.openmargo.agent.status;

import java.util.Optional;

import org.openmargo.agent.state.ComponentState;

/**
 * What the outbox holds for one deployment: the latest report, and possibly a failure that was reported earlier for
 * the same {@code adoptedManifestVersion} and must still be delivered first.
 *
 * <p>Coalescing rules for a new report N arriving while L is the latest (versions compared unsigned):
 * <ol>
 *   <li>N older than L ({@code N.version < L.version}): N is stale and discarded; the WFM would discard it too
 *       (digest d.4).</li>
 *   <li>Otherwise N becomes the latest ("latest wins").</li>
 *   <li>A pending failure F (the held one, else L if L is {@code failed}) is kept, as {@code held}, if N is not
 *       {@code failed} and has the same version as F: a failure is never overwritten by an older-or-equal-version
 *       success. The WFM then receives F, then N. A failure is dropped only by a newer failure or by a report of a
 *       newer version, both of which supersede it.</li>
 * </ol>
 *
 * @param held a failure to deliver before {@code latest}
 * @param latest the newest report
 */
record OutboxEntry(Optional<PendingReport> held, PendingReport latest) {

    static OutboxEntry of(PendingReport first) {
        return new OutboxEntry(Optional.empty(), first);
    }

    /** Returns the entry after offering {@code next}; this entry if {@code next} is stale. */
    OutboxEntry offer(PendingReport next) {
        if (Long.compareUnsigned(version(next), version(latest)) < 0) {
            return this;
        }
        Optional<PendingReport> failure = held.or(() -> isFailed(latest) ? Optional.of(latest) : Optional.empty());
        Optional<PendingReport> keep = failure.filter(f -> !isFailed(next) && version(f) == version(next));
        return new OutboxEntry(keep, next);
    }

    /** Returns the report to send next. */
    PendingReport head() {
        return held.orElse(latest);
    }

    /**
     * Returns the entry without the head if {@code seq} is the head's, this entry if {@code seq} is no longer the head
     * (a newer report arrived while it was in flight), or empty when nothing is left.
     */
    Optional<OutboxEntry> without(long seq) {
        if (head().seq() != seq) {
            return Optional.of(this);
        }
        return held.isPresent() ? Optional.of(of(latest)) : Optional.empty();
    }

    private static long version(PendingReport r) {
        return r.report().adoptedManifestVersion();
    }

    private static boolean isFailed(PendingReport r) {
        return r.report().state() == ComponentState.FAILED;
    }
}
