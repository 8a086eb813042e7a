package org.openmargo.wfm.identityservice;

import java.util.concurrent.atomic.LongAdder;

/** How the automatic renewals of one credential went since start, for metrics. Thread safe. */
public final class RenewalCounts {
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();

    /** Renewals that installed a fresh credential. */
    public long succeededTotal() {
        return succeeded.sum();
    }

    /** Renewal attempts that failed (each is retried while the current credential is valid). */
    public long failedTotal() {
        return failed.sum();
    }
}
