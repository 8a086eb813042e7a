package org.openmargo.agent.schedule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A window of the day in which the agent polls for desired state, in local time of the zone given by
 * {@link PollWindows}. The start is inclusive and the end exclusive. An end before the start crosses midnight
 * ({@code 23:00-01:30} runs from 23:00 to 01:30 the next day); an end equal to the start is the whole day.
 *
 * @param start local time at which the window opens
 * @param end   local time at which the window closes
 */
public record DailyWindow(LocalTime start, LocalTime end) {
    public DailyWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether the window is open all day ({@code start == end}). */
    public boolean wholeDay() {
        return start.equals(end);
    }

    /** Whether the window runs past midnight into the next day (includes {@link #wholeDay()}). */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** The occurrence that opens on {@code date}, as instants; empty when it falls wholly into a DST gap. */
    Interval on(LocalDate date, ZoneId zone) {
        LocalDate endDate = crossesMidnight() ? date.plusDays(1) : date;
        return new Interval(WallClock.firstAtOrAfter(date.atTime(start), zone),
                WallClock.firstAtOrAfter(endDate.atTime(end), zone));
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
