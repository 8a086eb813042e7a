package org.openmargo.wfm.fleet;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.StoredManifest;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;

/** The real store, counting the manifest reads that reach it per client (what a 304 poll must never cause). */
final class CountingDesiredState implements DesiredStateStore {
    private final DesiredStateStore store;
    private final java.util.Map<String, AtomicInteger> reads = new java.util.concurrent.ConcurrentHashMap<>();

    CountingDesiredState(DesiredStateStore store) {
        this.store = store;
    }

    int manifestReads(String clientId) {
        return reads.getOrDefault(clientId, new AtomicInteger()).get();
    }

    @Override
    public StoredManifest manifest(String clientId) {
        reads.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
        return store.manifest(clientId);
    }

    @Override
    public void afterCommit(Runnable action) {
        store.afterCommit(action);
    }

    @Override
    public Optional<byte[]> deploymentYaml(String clientId, String deploymentId, Digest digest) {
        return store.deploymentYaml(clientId, deploymentId, digest);
    }

    @Override
    public Optional<byte[]> bundle(String clientId, Digest digest) {
        return store.bundle(clientId, digest);
    }

    @Override
    public PutResult put(String clientId, ValidatedDeployment deployment) {
        return store.put(clientId, deployment);
    }

    @Override
    public Optional<Long> remove(String clientId, String deploymentId) {
        return store.remove(clientId, deploymentId);
    }

    @Override
    public Optional<Long> apply(String clientId, List<ValidatedDeployment> puts, List<String> removals) {
        return store.apply(clientId, puts, removals);
    }

    @Override
    public void lock(String clientId) {
        store.lock(clientId);
    }

    @Override
    public List<DeploymentRecord> deployments(String clientId) {
        return store.deployments(clientId);
    }

    @Override
    public List<String> clients() {
        return store.clients();
    }
}
