package org.openmargo.agent.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * All configured downtime windows. Overlapping or touching windows act as one downtime. Immutable and thread-safe.
 *
 * @param windows the windows; empty means no downtime
 */
public record Downtime(List<DowntimeWindow> windows) {
    /**
     * Upper bound on windows chained by {@link #activeUntil}. Back-to-back weekly windows that cover the whole week
     * would otherwise chain forever; after this many the agent makes its prompt attempt and finds itself in downtime
     * again, which is harmless.
     */
    static final int MAX_CHAINED = 64;

    public Downtime {
        windows = List.copyOf(windows);
    }

    /** No downtime at all. */
    public static Downtime none() {
        return new Downtime(List.of());
    }

    /**
     * The end of the downtime covering {@code now}, after merging windows that overlap or touch it (a window that
     * starts exactly when another ends continues the downtime), or empty when {@code now} is in no window.
     */
    public Optional<Instant> activeUntil(Instant now) {
        Optional<Instant> end = endOfWindowsCovering(now);
        if (end.isEmpty()) {
            return end;
        }
        Instant until = end.get();
        for (int chained = 0; chained < MAX_CHAINED; chained++) {
            Optional<Instant> further = endOfWindowsCovering(until);
            if (further.isEmpty()) {
                break;
            }
            until = further.get();
        }
        return Optional.of(until);
    }

    /** Whether {@code instant} lies in a downtime window. */
    public boolean covers(Instant instant) {
        return endOfWindowsCovering(instant).isPresent();
    }

    private Optional<Instant> endOfWindowsCovering(Instant instant) {
        Instant latest = null;
        for (DowntimeWindow window : windows) {
            for (Interval interval : occurrencesAround(window, instant)) {
                if (interval.contains(instant) && (latest == null || interval.end().isAfter(latest))) {
                    latest = interval.end();
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The occurrences of {@code window} that could contain {@code instant}. */
    private static List<Interval> occurrencesAround(DowntimeWindow window, Instant instant) {
        return switch (window) {
            case DowntimeWindow.Once once -> List.of(new Interval(once.start(), once.end()));
            case DowntimeWindow.Weekly weekly -> {
                LocalDate today = LocalDate.ofInstant(instant, weekly.zone());
                yield List.of(weekly.on(today.minusDays(1)), weekly.on(today));
            }
        };
    }
}
