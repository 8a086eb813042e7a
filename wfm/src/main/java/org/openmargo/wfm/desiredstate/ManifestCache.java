package org.openmargo.wfm.desiredstate;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The desired state as the device API serves it: a {@link DesiredStateStore} with an in-memory cache of each client's
 * current manifest in front of it, so that a poll answered 304 neither writes nor (usually) reads the database and
 * costs the same whatever the number of clients (one hash lookup).
 *
 * <p>The cache owns invalidation: it does not hand out the store behind it, so every change the device API can
 * cause goes through {@link #put} and {@link #remove}, which invalidate the client's entry once the change commits.
 * Changes made by another WFM instance on the same database become visible within {@code ttl}. At most {@code maxEntries} manifests are held; beyond that an
 * arbitrary entry is dropped (it is reloaded on the next poll). Thread safe.
 */
public final class ManifestCache {
    private final DesiredStateStore store;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    // Bumped by every local change: a manifest loaded while a change committed is served but not cached, so an
    // invalidation can never be undone by a slower concurrent reload.
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

    private ManifestCache(DesiredStateStore store, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (ttl.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("ttl must not be negative and maxEntries must be positive");
        }
        this.store = store;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** A cache over the store with the given time to live and size bound, on the system's monotonic clock. */
    public static ManifestCache create(DesiredStateStore store, Duration ttl, int maxEntries) {
        return new ManifestCache(store, ttl, maxEntries, System::nanoTime);
    }

    static ManifestCache create(DesiredStateStore store, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        return new ManifestCache(store, ttl, maxEntries, nanoTime);
    }

    /**
     * The exact YAML bytes of a deployment this client had with this digest (see
     * {@link DesiredStateStore#deploymentYaml}); content addressed, so never stale and never cached here.
     */
    public Optional<byte[]> deploymentYaml(String clientId, String deploymentId, Digest digest) {
        return store.deploymentYaml(clientId, deploymentId, digest);
    }

    /** The tar.gz bytes of a bundle this client's manifest referenced (see {@link DesiredStateStore#bundle}). */
    public Optional<byte[]> bundle(String clientId, Digest digest) {
        return store.bundle(clientId, digest);
    }

    /** Manifest lookups answered from memory since start. */
    public long hitsTotal() {
        return hits.sum();
    }

    /** Manifest lookups that went to the store (absent or expired entry) since start. */
    public long missesTotal() {
        return misses.sum();
    }

    /** Manifests held now. */
    public int size() {
        return entries.size();
    }

    /** The client's current manifest, from memory when the entry is younger than the time to live. */
    public StoredManifest manifest(String clientId) {
        long now = nanoTime.getAsLong();
        Entry e = entries.get(clientId);
        if (e != null && now - e.loadedAt < ttlNanos) {
            hits.increment();
            return e.manifest;
        }
        misses.increment();
        long before = changes.get();
        StoredManifest fresh = store.manifest(clientId);
        if (changes.get() == before) {
            if (entries.size() >= maxEntries) {
                evictOne();
            }
            entries.put(clientId, new Entry(fresh, now));
        }
        return fresh;
    }

    /** Stores a deployment and makes the new manifest visible to the next poll of that client. */
    public DesiredStateStore.PutResult put(String clientId, ValidatedDeployment deployment) {
        try {
            DesiredStateStore.PutResult result = store.put(clientId, deployment);
            store.afterCommit(() -> invalidate(clientId));
            return result;
        } catch (RuntimeException e) {
            invalidate(clientId);
            throw e;
        }
    }

    /** Removes a deployment and makes the new manifest visible to the next poll of that client. */
    public Optional<Long> remove(String clientId, String deploymentId) {
        try {
            Optional<Long> result = store.remove(clientId, deploymentId);
            store.afterCommit(() -> invalidate(clientId));
            return result;
        } catch (RuntimeException e) {
            invalidate(clientId);
            throw e;
        }
    }

    // After the commit (a change inside a larger transaction is not visible before): a reload that raced the commit
    // sees the bumped counter and is not cached.
    private void invalidate(String clientId) {
        changes.incrementAndGet();
        entries.remove(clientId);
    }

    private void evictOne() {
        Iterator<String> it = entries.keySet().iterator();
        if (it.hasNext()) {
            entries.remove(it.next());
        }
    }

    private record Entry(StoredManifest manifest, long loadedAt) {
    }
}
