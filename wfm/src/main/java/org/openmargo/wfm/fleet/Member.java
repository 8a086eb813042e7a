package org.openmargo.wfm.fleet;

import java.util.Optional;

/**
 * One device targeted by an intent, as the reconciler last left it.
 *
 * @param intentId     the intent
 * @param clientId     the client that polls for the device
 * @param deviceId     the device
 * @param deploymentId the ApplicationDeployment id of this (intent, device): a UUID kept for the member's whole life,
 *                     through version changes (a new version is new bytes under the same id)
 * @param version      the version this device should run (an intent's version, or a rollout's)
 * @param applied      the version whose rendering is in the client's desired state now; empty when none is
 * @param placement    whether the last rendering placed it
 * @param reason       why it is not placeable; empty when placed
 */
public record Member(String intentId, String clientId, String deviceId, String deploymentId, String version,
                     Optional<String> applied, Placement placement, Optional<String> reason) {

    /**
     * The outcome of the last rendering; HELD: targeted by a staged fleet deployment and not yet moved by a rollout
     * (or moved back to no version), so its client's desired state does not carry it.
     */
    public enum Placement { PLACED, NOT_PLACEABLE, HELD }

    /** Whether the desired state does not yet carry {@link #version}. */
    public boolean behind() {
        return placement == Placement.PLACED && !applied.equals(Optional.of(version));
    }

    public Member withVersion(String next) {
        return new Member(intentId, clientId, deviceId, deploymentId, next, applied, placement, reason);
    }

    /** Moved to {@code next}: a held member is placed by the next reconcile, others keep their placement. */
    public Member movedTo(String next) {
        return placement == Placement.HELD ? new Member(intentId, clientId, deviceId, deploymentId, next, applied,
                Placement.PLACED, Optional.empty()) : withVersion(next);
    }

    /** Moved back to no version: the next reconcile removes its deployment. */
    public Member held() {
        return new Member(intentId, clientId, deviceId, deploymentId, version, applied, Placement.HELD,
                Optional.empty());
    }

    Member withoutApplied() {
        return new Member(intentId, clientId, deviceId, deploymentId, version, Optional.empty(), placement, reason);
    }

    Member placed(String appliedVersion) {
        return new Member(intentId, clientId, deviceId, deploymentId, version, Optional.of(appliedVersion),
                Placement.PLACED, Optional.empty());
    }

    Member notPlaceable(String why, boolean keepsApplied) {
        return new Member(intentId, clientId, deviceId, deploymentId, version, keepsApplied ? applied : Optional.empty(),
                Placement.NOT_PLACEABLE, Optional.of(why));
    }
}
