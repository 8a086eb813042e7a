package org.openmargo.agent.eligibility;

import java.util.Objects;

/** Whether a deployment may run on this device, and if not, why. */
public sealed interface Verdict permits Verdict.Eligible, Verdict.Ineligible {

    /** Every capacity requirement is met and, if there are eligibility rules, at least one matched. */
    record Eligible() implements Verdict {
    }

    /**
     * The deployment must not be applied.
     *
     * @param reason a sentence for the operator naming the first unmet requirement or every failed rule
     */
    record Ineligible(String reason) implements Verdict {
        public Ineligible {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
