package org.openmargo.wfm.lease;

import java.time.Instant;

/** The outcome of {@link ClusterLock#tryAcquire}: this instance holds the lease now, or another one does. */
public sealed interface Acquisition permits Acquisition.Acquired, Acquisition.HeldElsewhere {

    /** @param lease the lease, newly taken or renewed */
    record Acquired(Lease lease) implements Acquisition {
    }

    /**
     * @param holder    the instance holding it
     * @param expiresAt when it lapses unless that instance renews it
     */
    record HeldElsewhere(String holder, Instant expiresAt) implements Acquisition {
    }
}
