package org.openmargo.wfm.desiredstate;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The desired state as the device API serves it: a {@link DesiredStateStore} with an in-memory cache of each client's
 * current manifest in front of it, so that a poll answered 304 neither writes nor (usually) reads the database and
 * costs the same whatever the number of clients (one hash lookup).
 *
 * <p>The cache owns invalidation: it does not hand out the store behind it, so every change the device API can
 * cause goes through {@link #put} and {@link #remove}, which invalidate the client's entry once the change commits.
 * Changes made by another WFM instance on the same database are dropped by {@link #invalidate} when that instance's
 * notification arrives (see the {@code coherence} package); {@code ttl} is the safety net that bounds how long a
 * missed notification can leave an entry stale. While notifications may be missed ({@link #coherent}{@code (false)}),
 * entries live at most {@code shortTtl}. At most {@code maxEntries} manifests are held; beyond that an arbitrary entry
 * is dropped (it is reloaded on the next poll).
 *
 * <p>{@link #manifest(String)} may serve a stale entry; {@link #fresh} never does. The device API asks
 * {@link #manifest(String, Predicate)}, which serves a cached entry only when the client already holds it or when no
 * other instance writes to this database, so that a client never gets an older version than one it has seen.
 * Thread safe.
 */
public final class ManifestCache {
    private final DesiredStateStore store;
    private final long ttlNanos;
    private volatile long activeTtlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    // False until told about other instances (coherent(...)): then a cached entry may lag a commit made elsewhere.
    private volatile boolean shared;
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
        this.activeTtlNanos = ttlNanos;
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

    /**
     * The client's current manifest, from memory when the entry is younger than the time to live: a lookup for a
     * caller that holds whatever the cache holds (no device poll; see {@link #manifest(String, Predicate)}).
     */
    public StoredManifest manifest(String clientId) {
        return manifest(clientId, etag -> true);
    }

    /**
     * The client's manifest for a poll: from memory when {@code heldByClient} says the client holds the cached one
     * (its ETag), or when this instance is the only writer of the database (every change it serves went through this
     * cache); otherwise read from the database now ({@link #fresh}). With several instances, a cached entry may be
     * older than a version the client got from an instance that committed or heard of a change first; serving it
     * would make the client's manifestVersion go down, which the client must refuse as a rollback.
     *
     * @param heldByClient whether the client's request names this ETag (If-None-Match)
     */
    public StoredManifest manifest(String clientId, Predicate<String> heldByClient) {
        long now = nanoTime.getAsLong();
        Entry e = entries.get(clientId);
        if (e != null && now - e.loadedAt < activeTtlNanos && (!shared || heldByClient.test(e.manifest.etag()))) {
            hits.increment();
            return e.manifest;
        }
        return load(clientId, now);
    }

    /** The client's current manifest read from the database now (and cached); never older than the last commit. */
    public StoredManifest fresh(String clientId) {
        return load(clientId, nanoTime.getAsLong());
    }

    private StoredManifest load(String clientId, long now) {
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

    /**
     * Applies several changes to one client's desired state with at most one new manifest version (see
     * {@link DesiredStateStore#apply}) and makes the result visible to the client's next poll once it commits.
     */
    public Optional<Long> apply(String clientId, java.util.List<ValidatedDeployment> puts,
                                java.util.List<String> removals) {
        try {
            Optional<Long> result = store.apply(clientId, puts, removals);
            // Nothing changed (the fleet sweep's usual outcome): the cached entry stays, so polls stay in memory.
            result.ifPresent(v -> store.afterCommit(() -> invalidate(clientId)));
            return result;
        } catch (RuntimeException e) {
            invalidate(clientId);
            throw e;
        }
    }

    /** See {@link DesiredStateStore#lock}. */
    public void lock(String clientId) {
        store.lock(clientId);
    }

    /**
     * Drops the client's entry: its manifest changed (here or on another instance). A load that raced the change is
     * served but not cached. Call only after the change committed.
     */
    public void invalidate(String clientId) {
        // After the commit (a change inside a larger transaction is not visible before): a reload that raced the
        // commit sees the bumped counter and is not cached.
        changes.incrementAndGet();
        entries.remove(clientId);
    }

    /** Drops every entry: changes may have been missed (a notification connection came back). */
    public void invalidateAll() {
        changes.incrementAndGet();
        entries.clear();
    }

    /**
     * Whether changes of other instances are being heard: {@code true} serves entries up to the configured time to
     * live, {@code false} at most {@code shortTtl} (and never longer than the time to live). The first call also
     * marks the database as shared with other instances (see {@link #manifest(String, Predicate)}).
     */
    public void coherent(boolean coherent, Duration shortTtl) {
        shared = true;
        activeTtlNanos = coherent ? ttlNanos : Math.min(ttlNanos, shortTtl.toNanos());
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
