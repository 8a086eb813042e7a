package org.openmargo.agent.observe;

import java.util.EnumMap;
import java.util.Map;

/**
 * Polls since the agent started, by {@link PollResult}; every result is present (zero until it happens). Immutable.
 * The counts live in memory and start from zero at each start: Prometheus' {@code rate()} and {@code increase()}
 * treat the drop as a counter reset.
 */
public record PollCounts(Map<PollResult, Long> counts) {
    public PollCounts {
        EnumMap<PollResult, Long> all = new EnumMap<>(PollResult.class);
        for (PollResult r : PollResult.values()) {
            Long n = counts.get(r);
            if (n != null && n < 0) {
                throw new IllegalArgumentException("negative count for " + r.label() + ": " + n);
            }
            all.put(r, n == null ? 0L : n);
        }
        counts = Map.copyOf(all);
    }

    /** No poll yet. */
    public static PollCounts none() {
        return new PollCounts(Map.of());
    }

    /** These counts with one more {@code result}. */
    public PollCounts plus(PollResult result) {
        EnumMap<PollResult, Long> next = new EnumMap<>(counts);
        next.merge(result, 1L, Long::sum);
        return new PollCounts(next);
    }

    /** The count of {@code result}. */
    public long of(PollResult result) {
        return counts.get(result);
    }
}
