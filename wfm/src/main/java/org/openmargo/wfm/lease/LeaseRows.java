package org.openmargo.wfm.lease;

import java.util.Optional;

/** The rows behind {@link ClusterLock}: no rules. Calls inside a transaction callback join it. */
public interface LeaseRows {

    /** Locks the lease's row ({@code SELECT ... FOR UPDATE}); empty when the work never had a lease. */
    Optional<Lease> lock(String name);

    /** Inserts the first lease of this work (a concurrent insert fails with a unique violation, and is retried). */
    void insert(Lease lease);

    /** Replaces holder, fence and expiry of the lease's row. */
    void update(Lease lease);

    /** Deletes the row when it still has this holder and fence; whether it did. */
    boolean delete(String name, String holder, long fence);
}
