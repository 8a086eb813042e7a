package org.openmargo.agent.renewal;

import org.openmargo.agent.transport.Svid;

/** How one renewal attempt ended; {@link RenewalSchedule} turns it into the next attempt time. Never thrown. */
public sealed interface RenewalOutcome {
    /** A new SVID was checked, installed and is now presented. */
    record Renewed(Svid svid) implements RenewalOutcome {
    }

    /** 404: this WFM does not renew SVIDs (an external identity service issues them). */
    record NotOffered() implements RenewalOutcome {
    }

    /** 403: the WFM refused this client (retired, or no longer accepted). */
    record Refused(String reason) implements RenewalOutcome {
    }

    /** Anything else: unreachable WFM, an error answer, or an answer that failed the checks. */
    record Failed(String reason) implements RenewalOutcome {
    }
}
