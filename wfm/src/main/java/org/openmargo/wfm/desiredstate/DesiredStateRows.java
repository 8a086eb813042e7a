package org.openmargo.wfm.desiredstate;

import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.desiredstate.DesiredStateStore.DeploymentRecord;

/**
 * The rows behind {@link DesiredStateStore}: no rules, only reads and writes scoped by client id. Calls made inside
 * a transaction callback join that transaction. Blobs are content addressed: storing bytes that are already stored
 * under the same key changes nothing.
 */
public interface DesiredStateRows {

    /** The client's stored manifest; empty when it never had a change. */
    Optional<StoredManifest> manifest(String clientId);

    /** Stores {@code manifest} as the client's manifest unless the client already has one. */
    void createManifestIfAbsent(String clientId, StoredManifest manifest);

    /** Locks the client's manifest row ({@code SELECT ... FOR UPDATE}) and returns its version; empty when none. */
    Optional<Long> lockManifest(String clientId);

    /** Replaces the client's stored manifest. */
    void updateManifest(String clientId, StoredManifest manifest);

    /** The stored digest of a deployment and whether it is current; empty when the client never had it. */
    Optional<StoredDeployment> deployment(String clientId, String deploymentId);

    /** Stores the YAML bytes of a deployment under their digest, unless stored. */
    void storeYaml(String clientId, String deploymentId, Digest digest, byte[] yaml);

    /** Inserts the deployment ({@code replace} false) or replaces it, current again, with its component names. */
    void writeDeployment(String clientId, ValidatedDeployment deployment, long sinceVersion, boolean replace);

    /** Marks a deployment removed in {@code version}. */
    void markRemoved(String clientId, String deploymentId, long version);

    /** The YAML of every current deployment of the client, in no particular order. */
    List<CurrentYaml> currentYamls(String clientId);

    /**
     * Tells the other WFM instances on this database that the client's manifest changed: on PostgreSQL a
     * {@code pg_notify} on the change channel (see the {@code coherence} package), which is transactional, so it is
     * delivered when the calling transaction commits and never when it rolls back. Does nothing on H2, which serves a
     * single instance.
     */
    void announceChange(String clientId);

    /** Stores a bundle archive under its digest, unless stored. */
    void storeBundle(String clientId, Digest digest, byte[] archive);

    /** See {@link DesiredStateStore#deploymentYaml}. */
    Optional<byte[]> yaml(String clientId, String deploymentId, Digest digest);

    /** See {@link DesiredStateStore#bundle}. */
    Optional<byte[]> bundle(String clientId, Digest digest);

    /** See {@link DesiredStateStore#deployments}. */
    List<DeploymentRecord> deployments(String clientId);

    /** See {@link DesiredStateStore#clients}. */
    List<String> clients();

    /**
     * @param digest digest of the deployment's current (or last) YAML
     * @param live   whether the deployment is current (not removed)
     */
    record StoredDeployment(Digest digest, boolean live) {
    }

    /**
     * @param deploymentId the deployment id
     * @param digest       digest of its YAML
     * @param yaml         the YAML bytes
     */
    record CurrentYaml(String deploymentId, Digest digest, byte[] yaml) {
    }
}
