package org.openmargo.wfm.ca;

import java.util.Optional;

/**
 * A change of the CA's anchors seen by this WFM instance: a rotation step it ran itself, or one that another instance
 * sharing the database ran and this one followed ({@link CertificateAuthority#refresh()}). Several steps made elsewhere
 * between two refreshes arrive as one change.
 *
 * @param before the revision this instance held
 * @param after  the revision it holds now
 * @param step   the local rotation step; empty when the change was followed from the database
 */
public record CaChange(AnchorStore.Revision before, AnchorStore.Revision after, Optional<RotationStep> step) {

    /** Whether a different anchor issues now: the WFM's own SVID must be re-issued under it. */
    public boolean issuerChanged() {
        return !before.issuingAnchorId().equals(after.issuingAnchorId());
    }

    /** Whether the published anchor set changed (the bundle sequence moved). */
    public boolean bundleChanged() {
        return before.sequence() != after.sequence();
    }

    /** For logs: {@code rotation step 'stage'} or {@code followed from the database}. */
    public String cause() {
        return step.map(s -> "rotation step '" + s.wireName() + "'").orElse("followed from the database");
    }
}
