package org.openmargo.wfm.ca;

/**
 * Where an anchor is in its life (spec b.1, rotation): {@code NEXT} is published but does not issue yet, {@code ACTIVE}
 * issues and is published, {@code PREVIOUS} no longer issues but is still published so that SVIDs it issued keep
 * working, {@code RETIRED} is neither.
 */
public enum AnchorState {
    NEXT, ACTIVE, PREVIOUS, RETIRED;

    /** Whether anchors in this state are in the published trust bundle. */
    public boolean published() {
        return this != RETIRED;
    }
}
