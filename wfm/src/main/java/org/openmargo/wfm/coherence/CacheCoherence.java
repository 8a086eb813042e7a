package org.openmargo.wfm.coherence;

import java.time.Duration;
import java.util.Objects;

import org.openmargo.wfm.desiredstate.ManifestCache;

/**
 * Keeps a {@link ManifestCache} coherent with the other instances' changes as a {@link ChangeFeed} reports them: a
 * change drops that client's entry; a lost feed drops everything and shortens the time to live to {@code shortTtl}
 * (notifications may be missed from now on); a restored feed drops everything again (they may have been missed) and
 * returns to the configured time to live.
 */
public final class CacheCoherence implements ChangeSubscriber {
    private final ManifestCache cache;
    private final Duration shortTtl;

    public CacheCoherence(ManifestCache cache, Duration shortTtl) {
        this.cache = Objects.requireNonNull(cache);
        this.shortTtl = Objects.requireNonNull(shortTtl);
    }

    @Override
    public void changed(String clientId) {
        cache.invalidate(clientId);
    }

    @Override
    public void lost() {
        cache.coherent(false, shortTtl);
        cache.invalidateAll();
    }

    @Override
    public void restored() {
        cache.coherent(true, shortTtl);
        cache.invalidateAll();
    }
}
