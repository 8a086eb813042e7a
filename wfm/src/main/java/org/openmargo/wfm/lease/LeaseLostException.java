package org.openmargo.wfm.lease;

/** A write guarded by a lease ran after the lease changed hands, lapsed or was released; the write must not happen. */
public final class LeaseLostException extends RuntimeException {
    private final transient Lease lease;

    public LeaseLostException(Lease lease) {
        super("the lease '" + lease.name() + "' (fence " + lease.fence() + ") is no longer held by " + lease.holder());
        this.lease = lease;
    }

    /** The lease that was lost. */
    public Lease lease() {
        return lease;
    }
}
