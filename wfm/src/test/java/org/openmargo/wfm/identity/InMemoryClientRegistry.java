package org.openmargo.wfm.identity;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link ClientRegistry} in memory, for tests. Thread safe. */
final class InMemoryClientRegistry implements ClientRegistry {
    private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    private final Clock clock;

    InMemoryClientRegistry(Clock clock) {
        this.clock = clock;
    }

    InMemoryClientRegistry() {
        this(Clock.systemUTC());
    }

    @Override
    public void accept(String clientId) {
        entries.put(clientId, new Entry(clientId, Standing.ACCEPTED, clock.instant()));
    }

    @Override
    public void retire(String clientId) {
        entries.put(clientId, new Entry(clientId, Standing.RETIRED, clock.instant()));
    }

    @Override
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}
