package org.openmargo.wfm.desiredstate;

import java.util.List;
import java.util.Optional;

/**
 * Durable desired state per client: its deployments, its manifest and the content-addressed blobs it serves.
 *
 * <p>Every method is scoped to one client id; no method reads or changes another client's data. Every change that
 * alters the set of (deploymentId, digest) pairs of a client increments its manifest version by one and stores the new
 * manifest bytes, bundle and version in the same transaction as the change. A client that never had a change has the
 * empty version-1 manifest, which is computed, not stored. Implementations are thread safe.
 */
public interface DesiredStateStore {

    /** The current manifest of a client (the empty version-1 manifest when it never had a deployment). Never writes. */
    StoredManifest manifest(String clientId);

    /**
     * Runs {@code action} once the database transaction running on this thread commits (see
     * {@code AuditStore#appendWith}), never if it rolls back; at once when none is running. For in-memory state
     * that must follow a change only when it is durable.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    /**
     * The exact YAML bytes of a deployment of this client with this digest, current or past (kept so that clients
     * mid-fetch still find them); empty when this client never had those bytes.
     */
    Optional<byte[]> deploymentYaml(String clientId, String deploymentId, Digest digest);

    /** The exact tar.gz bytes of a bundle this client's manifest referenced; empty otherwise. */
    Optional<byte[]> bundle(String clientId, Digest digest);

    /**
     * Creates or replaces a deployment. Storing the same bytes again changes nothing.
     *
     * @return what happened and the manifest version after the call
     */
    PutResult put(String clientId, ValidatedDeployment deployment);

    /**
     * Removes a deployment from the client's desired state. The record is kept (marked removed at the new manifest
     * version) so that status reports about the removal are still accepted.
     *
     * @return the new manifest version, or empty when the client has no such current deployment
     */
    Optional<Long> remove(String clientId, String deploymentId);

    /**
     * Applies several changes to one client's desired state as one: every put (create or replace; bytes already
     * current change nothing) and every removal (an id that is not current is skipped) in one transaction that bumps
     * the manifest version at most once. This is what the fleet layer uses, so that a device never sees one version
     * per sub-step of one change. Joins the transaction already running on the calling thread, if any.
     *
     * @param puts     deployments to create or replace, distinct ids
     * @param removals ids of deployments to remove; an id both put and removed is refused
     * @return the new manifest version, or empty when nothing changed
     * @throws IllegalArgumentException when an id appears twice
     */
    Optional<Long> apply(String clientId, List<ValidatedDeployment> puts, List<String> removals);

    /**
     * Takes the client's desired-state lock (its manifest row, created empty when absent) for the rest of the
     * transaction running on the calling thread: a caller that reads other rows before deciding on {@link #apply}
     * takes it first so that two such decisions about one client never interleave.
     *
     * @throws IllegalStateException when no transaction is running on the calling thread
     */
    void lock(String clientId);

    /** Current and removed deployments of a client, ordered by deployment id. */
    List<DeploymentRecord> deployments(String clientId);

    /** Ids of every client that has any desired state. */
    List<String> clients();

    /** The outcome of {@link #put}. */
    enum Change { CREATED, REPLACED, UNCHANGED }

    /**
     * @param change          what the put did
     * @param manifestVersion the client's manifest version after the put
     */
    record PutResult(Change change, long manifestVersion) {
    }

    /**
     * A deployment as the store keeps it.
     *
     * @param deploymentId       the deployment id
     * @param deviceId           target device
     * @param name               metadata.name
     * @param digest             digest of its current (or last) YAML
     * @param componentNames     component names of that YAML in order
     * @param sinceVersion       manifest version in which this digest first appeared
     * @param removedInVersion   manifest version that dropped it; empty while it is current
     */
    record DeploymentRecord(String deploymentId, String deviceId, String name, Digest digest,
                            List<String> componentNames, long sinceVersion, Optional<Long> removedInVersion) {
    }
}
