package org.openmargo.wfm.observe;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * When each client was last seen by this instance (an authenticated device API request), and how many clients fall
 * in each age bucket. A request only stores a time in the client's slot (no allocation once the client has one); the
 * buckets are recomputed by {@link #refresh()} on a schedule, so a scrape reads four numbers and never walks the
 * clients. The walk costs one pass over the clients this instance saw in the last {@link #FORGET} (about 10 ns each)
 * per refresh period. Times are this process's: a client served by another replica, or not seen since this one
 * started, is not counted. Thread safe.
 */
final class LastSeen {
    /** Clients not seen for this long are forgotten, which bounds the memory to the clients of the last 30 days. */
    static final Duration FORGET = Duration.ofDays(30);
    private static final Function<String, AtomicLong> SLOT = id -> new AtomicLong();

    /** The age buckets, upper bounds exclusive; the last one is open. */
    enum Age {
        UNDER_5M("under_5m", Duration.ofMinutes(5)),
        UNDER_1H("5m_to_1h", Duration.ofHours(1)),
        UNDER_24H("1h_to_24h", Duration.ofHours(24)),
        OVER_24H("over_24h", FORGET);

        final String label;
        final long bound;

        Age(String label, Duration bound) {
            this.label = label;
            this.bound = bound.toMillis();
        }
    }

    private final ConcurrentHashMap<String, AtomicLong> clients = new ConcurrentHashMap<>();
    private final LongSupplier millis;
    private volatile long[] counts = new long[Age.values().length];

    LastSeen(LongSupplier millis) {
        this.millis = millis;
    }

    /** Records a request of {@code clientId} now. */
    void seen(String clientId) {
        AtomicLong slot = clients.get(clientId);
        if (slot == null) {
            slot = clients.computeIfAbsent(clientId, SLOT);
        }
        slot.lazySet(millis.getAsLong());
    }

    /** Recomputes the buckets and forgets clients older than {@link #FORGET}. */
    void refresh() {
        long now = millis.getAsLong();
        long[] fresh = new long[Age.values().length];
        for (Iterator<Map.Entry<String, AtomicLong>> it = clients.entrySet().iterator(); it.hasNext(); ) {
            long age = now - it.next().getValue().get();
            if (age >= FORGET.toMillis()) {
                it.remove();
                continue;
            }
            for (Age bucket : Age.values()) {
                if (age < bucket.bound) {
                    fresh[bucket.ordinal()]++;
                    break;
                }
            }
        }
        counts = fresh;
    }

    /** Clients in this bucket at the last refresh. */
    long count(Age age) {
        return counts[age.ordinal()];
    }
}
