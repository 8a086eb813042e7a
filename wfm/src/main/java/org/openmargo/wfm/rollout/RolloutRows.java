package org.openmargo.wfm.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rows behind rollouts: the rollout, its devices with their wave, and one read that joins each device with its
 * fleet member, deployment and latest status. No rules; calls made inside a transaction callback join it.
 */
public interface RolloutRows {

    void insert(Rollout rollout);

    /** Stores the state, current wave, wave start and reason. */
    void update(Rollout rollout);

    Optional<Rollout> rollout(String rolloutId);

    /** Locks the rollout row ({@code SELECT ... FOR UPDATE}): the engine and the operator never act on it at once. */
    Optional<Rollout> lock(String rolloutId);

    /** Every rollout, newest first. */
    List<Rollout> all();

    /** The ids of the RUNNING rollouts. */
    List<String> running();

    void insertDevice(String rolloutId, String clientId, String deviceId, int wave);

    /** Marks a device excluded; false when the rollout has no such device. */
    boolean exclude(String rolloutId, String clientId, String deviceId);

    /** Every device of the rollout with what is known about it, ordered by wave, client and device. */
    List<DeviceRow> devices(String rolloutId, String intentId);

    /**
     * One device of a rollout, joined.
     *
     * @param memberVersion  the version its fleet member should run; empty when it is no longer a member
     * @param appliedVersion the version whose rendering its desired state carries
     * @param notPlaceable   the reason it is not placeable; empty when placed
     * @param sinceVersion   the manifest version in which its deployment's current bytes appeared
     * @param status         its latest stored status report
     * @param held           its member is held (staged fleet deployment): the desired state does not carry it
     */
    record DeviceRow(String clientId, String deviceId, int wave, boolean excluded, Optional<String> memberVersion,
                     Optional<String> appliedVersion, Optional<String> notPlaceable, Optional<Long> sinceVersion,
                     Optional<Status> status, boolean held) {
        /** A row whose member is not held. */
        public DeviceRow(String clientId, String deviceId, int wave, boolean excluded, Optional<String> memberVersion,
                         Optional<String> appliedVersion, Optional<String> notPlaceable, Optional<Long> sinceVersion,
                         Optional<Status> status) {
            this(clientId, deviceId, wave, excluded, memberVersion, appliedVersion, notPlaceable, sinceVersion,
                    status, false);
        }
    }

    /**
     * @param adoptedVersion the manifest version the report is about
     * @param state          its overall state, the wire name
     * @param body           the report as received
     * @param receivedAt     when it was stored
     */
    record Status(long adoptedVersion, String state, byte[] body, Instant receivedAt) {
    }
}
