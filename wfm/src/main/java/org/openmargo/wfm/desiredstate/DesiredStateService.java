package org.openmargo.wfm.desiredstate;

import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.desiredstate.DesiredStateRows.StoredDeployment;
import org.openmargo.wfm.transaction.Transactions;

/**
 * {@link DesiredStateStore}'s rules over {@link DesiredStateRows}. Every change runs in one transaction that first
 * locks the client's manifest row, so the changes of one client are serialized and each yields exactly one new
 * version with its manifest and bundle; different clients never wait for each other.
 */
public final class DesiredStateService implements DesiredStateStore {
    private final Transactions transactions;
    private final DesiredStateRows rows;

    public DesiredStateService(Transactions transactions, DesiredStateRows rows) {
        this.transactions = transactions;
        this.rows = rows;
    }

    @Override
    public StoredManifest manifest(String clientId) {
        return rows.manifest(clientId).orElseGet(ManifestWriter::empty);
    }

    @Override
    public void afterCommit(Runnable action) {
        transactions.afterCommit(action);
    }

    @Override
    public Optional<byte[]> deploymentYaml(String clientId, String deploymentId, Digest digest) {
        return rows.yaml(clientId, deploymentId, digest);
    }

    @Override
    public Optional<byte[]> bundle(String clientId, Digest digest) {
        return rows.bundle(clientId, digest);
    }

    @Override
    public PutResult put(String clientId, ValidatedDeployment deployment) {
        return transactions.inTransaction("storing a deployment", () -> {
            rows.createManifestIfAbsent(clientId, ManifestWriter.empty());
            long version = rows.lockManifest(clientId).orElseThrow();
            Optional<StoredDeployment> existing = rows.deployment(clientId, deployment.id());
            boolean live = existing.map(StoredDeployment::live).orElse(false);
            if (live && existing.get().digest().equals(deployment.digest())) {
                return new PutResult(Change.UNCHANGED, version);
            }
            long next = ManifestWriter.next(version);
            rows.storeYaml(clientId, deployment.id(), deployment.digest(), deployment.yaml());
            rows.writeDeployment(clientId, deployment, next, existing.isPresent());
            rebuild(clientId, next);
            return new PutResult(live ? Change.REPLACED : Change.CREATED, next);
        });
    }

    @Override
    public Optional<Long> remove(String clientId, String deploymentId) {
        return transactions.inTransaction("removing a deployment", () -> {
            Optional<Long> version = rows.lockManifest(clientId);
            if (version.isEmpty()
                    || !rows.deployment(clientId, deploymentId).map(StoredDeployment::live).orElse(false)) {
                return Optional.<Long>empty();
            }
            long next = ManifestWriter.next(version.get());
            rows.markRemoved(clientId, deploymentId, next);
            rebuild(clientId, next);
            return Optional.of(next);
        });
    }

    @Override
    public void lock(String clientId) {
        transactions.inTransaction("locking a client's desired state", () -> {
            rows.createManifestIfAbsent(clientId, ManifestWriter.empty());
            return rows.lockManifest(clientId).orElseThrow();
        });
    }

    @Override
    public Optional<Long> apply(String clientId, List<ValidatedDeployment> puts, List<String> removals) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ValidatedDeployment d : puts) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("deployment " + d.id() + " appears twice in one change");
            }
        }
        for (String id : removals) {
            if (!ids.add(id)) {
                throw new IllegalArgumentException("deployment " + id + " appears twice in one change");
            }
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return transactions.inTransaction("changing a client's deployments", () -> {
            rows.createManifestIfAbsent(clientId, ManifestWriter.empty());
            long version = rows.lockManifest(clientId).orElseThrow();
            long next = ManifestWriter.next(version);
            boolean changed = false;
            for (ValidatedDeployment d : puts) {
                Optional<StoredDeployment> existing = rows.deployment(clientId, d.id());
                if (existing.map(e -> e.live() && e.digest().equals(d.digest())).orElse(false)) {
                    continue;
                }
                rows.storeYaml(clientId, d.id(), d.digest(), d.yaml());
                rows.writeDeployment(clientId, d, next, existing.isPresent());
                changed = true;
            }
            for (String id : removals) {
                if (rows.deployment(clientId, id).map(StoredDeployment::live).orElse(false)) {
                    rows.markRemoved(clientId, id, next);
                    changed = true;
                }
            }
            if (!changed) {
                return Optional.<Long>empty();
            }
            rebuild(clientId, next);
            return Optional.of(next);
        });
    }

    @Override
    public List<DeploymentRecord> deployments(String clientId) {
        return rows.deployments(clientId);
    }

    @Override
    public List<String> clients() {
        return rows.clients();
    }

    /** Stores the bundle of the current deployments and the manifest at {@code version}. */
    private void rebuild(String clientId, long version) {
        ManifestWriter.Built built = ManifestWriter.build(version, rows.currentYamls(clientId));
        built.bundle().ifPresent(b -> rows.storeBundle(clientId, b.digest(), b.archive()));
        rows.updateManifest(clientId, built.manifest());
    }
}
