package org.openmargo.wfm.status;

import java.time.Instant;
import java.util.List;

/**
 * Latest deployment status per (client, deployment), an idempotent upsert, and a bounded history of its changes.
 * Implementations are thread safe.
 */
public interface StatusStore {

    /**
     * Stores a report unless it is stale.
     *
     * <p>A report is stale when its {@code adoptedManifestVersion} is lower than the version in which the deployment's
     * current digest first appeared (it describes an older revision), or lower than the version of the stored report.
     * Stale reports are acknowledged but not stored. A stored report that changes the overall state or a component's
     * state (against the newest history entry) is also appended to the {@link #history}, in the same transaction.
     *
     * @return what happened
     * @throws org.openmargo.wfm.problem.ProblemException {@code SEMANTIC_ERROR} when this client has no such deployment,
     *         the component names are not exactly those of the deployment, or the version is above the client's
     *         current manifest version
     */
    Outcome upsert(String clientId, StatusReport report);

    /** Latest stored status of every deployment of a client, ordered by deployment id. */
    List<Stored> latest(String clientId);

    /**
     * The deployment's status history, newest first: one entry per stored report that changed the overall state or a
     * component's state, the last {@link #HISTORY_KEPT} at most. Empty for an unknown deployment.
     */
    List<StatusChange> history(String clientId, String deploymentId);

    /** How many status changes are kept per (client, deployment); older ones are deleted as new ones come. */
    int HISTORY_KEPT = 50;

    /** The outcome of an upsert. */
    enum Outcome { CREATED, UPDATED, STALE }

    /**
     * @param deploymentId           deployment id
     * @param adoptedManifestVersion version the report referred to
     * @param state                  overall state
     * @param json                   the report as received
     * @param receivedAt             when it was stored
     */
    record Stored(String deploymentId, long adoptedManifestVersion, DeploymentState state, byte[] json,
                  Instant receivedAt) {
    }
}
