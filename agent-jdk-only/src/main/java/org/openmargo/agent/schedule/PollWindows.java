package org.openmargo.agent.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The Polling Interval Period (digest g): the daily windows in which the agent checks the desired state, in one time
 * zone. An empty list means "always". Boundaries follow one rule in DST transitions: a boundary is the first instant
 * at which the local clock shows that time or later, so a start inside a spring-forward gap opens when the gap ends,
 * and a start inside a fall-back overlap opens at its first occurrence only (the window does not open twice).
 * Immutable and thread-safe.
 *
 * @param windows the daily windows, possibly overlapping; empty for "always"
 * @param zone    the zone whose wall clock the windows use
 */
public record PollWindows(List<DailyWindow> windows, ZoneId zone) {
    /** How many days ahead {@link #nextOpening} looks; a window can only be missing on a day of a DST gap. */
    private static final int SEARCH_DAYS = 4;

    public PollWindows {
        windows = List.copyOf(windows);
        Objects.requireNonNull(zone, "zone");
    }

    /** Windows that are always open (no restriction), in UTC. */
    public static PollWindows always() {
        return new PollWindows(List.of(), ZoneOffset.UTC);
    }

    /** Whether the agent may poll at {@code instant}. */
    public boolean contains(Instant instant) {
        if (windows.isEmpty()) {
            return true;
        }
        LocalDate today = LocalDate.ofInstant(instant, zone);
        for (DailyWindow window : windows) {
            if (window.wholeDay() || window.on(today.minusDays(1), zone).contains(instant)
                    || window.on(today, zone).contains(instant)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The earliest instant at or after {@code instant} at which polling is allowed: {@code instant} itself when
     * {@link #contains} is true, otherwise the next window opening.
     */
    public Instant nextOpening(Instant instant) {
        if (contains(instant)) {
            return instant;
        }
        LocalDate today = LocalDate.ofInstant(instant, zone);
        Instant best = null;
        for (DailyWindow window : windows) {
            for (int day = 0; day <= SEARCH_DAYS; day++) {
                Interval occurrence = window.on(today.plusDays(day), zone);
                if (!occurrence.isEmpty() && occurrence.start().isAfter(instant)) {
                    best = best == null || occurrence.start().isBefore(best) ? occurrence.start() : best;
                    break;
                }
            }
        }
        return Objects.requireNonNull(best, "no window opens within " + SEARCH_DAYS + " days");
    }
}
