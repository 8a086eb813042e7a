package org.openmargo.agent.sync;

import java.time.Clock;

import org.openmargo.agent.transport.RetryHint;
import org.openmargo.agent.transport.WfmResponse;

/** Turns an unexpected WFM answer into an outcome, honouring Retry-After and the problem's retry hints (spec g). */
final class Responses {
    private Responses() {
    }

    static SyncOutcome unavailableOrRejected(String what, WfmResponse response, Clock clock) {
        RetryHint hint = RetryHint.of(response, clock);
        String reason = what + " answered " + response.status();
        if (hint.retryable() || response.status() == 404) {
            return new SyncOutcome.Unavailable(reason, hint);
        }
        return new SyncOutcome.Rejected(reason, hint.retryAfter());
    }
}
