package org.openmargo.wfm.status;

import java.util.List;
import java.util.Optional;

/**
 * The rows behind {@link StatusStore}: no rules, only reads and writes scoped by client id. Calls made inside a
 * transaction callback join that transaction.
 */
public interface StatusRows {

    /** Locks the deployment row and returns the manifest version its current digest first appeared in. */
    Optional<Long> lockDeployment(String clientId, String deploymentId);

    /** The component names of the deployment's current YAML. */
    List<String> componentNames(String clientId, String deploymentId);

    /** The client's stored manifest version; empty when it never had a change. */
    Optional<Long> manifestVersion(String clientId);

    /** The adopted version of the stored report about the deployment; empty when none is stored. */
    Optional<Long> storedVersion(String clientId, String deploymentId);

    /** Inserts the report ({@code replace} false) or replaces the stored one, stamped with the current time. */
    void write(String clientId, StatusReport report, boolean replace);

    /** Latest stored status of every deployment of a client, ordered by deployment id. */
    List<StatusStore.Stored> latest(String clientId);

    /** The deployment's status changes, newest first, at most {@code limit}. */
    List<StatusChange> changes(String clientId, String deploymentId, int limit);

    /** Appends a change (its {@code receivedAt} is ignored: stamped with the current time). */
    void appendChange(String clientId, String deploymentId, StatusChange change);

    /** Deletes the deployment's changes whose sequence number is below {@code firstKept}. */
    void pruneChanges(String clientId, String deploymentId, long firstKept);
}
