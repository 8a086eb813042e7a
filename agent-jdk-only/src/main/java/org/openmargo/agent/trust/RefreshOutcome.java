package org.openmargo.agent.trust;

/** What {@link TrustStore#refresh()} did. The caller schedules the next refresh from it; none of them is thrown. */
public sealed interface RefreshOutcome {
    /** A new bundle was accepted and replaced the anchors. */
    record Updated(TrustBundle bundle) implements RefreshOutcome {
    }

    /** The source served the current anchors again (or 304). */
    record Unchanged() implements RefreshOutcome {
    }

    /** The source answered, but the bundle was refused; the current anchors stay. */
    record Rejected(String reason) implements RefreshOutcome {
    }

    /** The source could not be reached or did not answer usefully; the current anchors stay. */
    record Unavailable(String reason) implements RefreshOutcome {
    }
}
