package org.openmargo.wfm.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * A held lease: the right of one WFM instance to do a named piece of cluster-wide work until {@code expiresAt}.
 *
 * @param name      the work, e.g. {@code fleet.rollout}
 * @param holder    the instance holding it ({@link ClusterLock#holder()})
 * @param fence     grows by one each time the lease changes hands; a write made under the lease can be checked
 *                  against it ({@link ClusterLock#confirm})
 * @param expiresAt when the lease lapses unless renewed (the holder's clock, microsecond precision)
 */
public record Lease(String name, String holder, long fence, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(name);
        Objects.requireNonNull(holder);
        Objects.requireNonNull(expiresAt);
    }
}
