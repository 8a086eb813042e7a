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

    /** The outcome of the last rendering. */
    public enum Placement { PLACED, NOT_PLACEABLE }

    /** Whether the desired state does not yet carry {@link #version}. */
    public boolean behind() {
        return placement == Placement.PLACED && !applied.equals(Optional.of(version));
    }

    public Member withVersion(String next) {
        return new Member(intentId, clientId, deviceId, deploymentId, next, applied, placement, reason);
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
