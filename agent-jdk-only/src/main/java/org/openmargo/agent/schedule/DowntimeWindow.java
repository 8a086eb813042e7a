package org.openmargo.agent.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A known period without communication (digest g, "Downtime configuration"): the agent neither polls, sends nor
 * retries, and treats communication errors as expected. Closed set: a recurring weekly window or a one-off range.
 */
public sealed interface DowntimeWindow {

    /**
     * Every week on {@code day} from {@code start} (inclusive) to {@code end} (exclusive), in {@code zone}'s wall
     * clock. An end at or before the start runs into the next day ({@code SAT 22:00-02:00} ends Sunday 02:00); an end
     * equal to the start lasts 24 hours of wall-clock time. DST boundaries follow {@link PollWindows}' rule.
     */
    record Weekly(DayOfWeek day, LocalTime start, LocalTime end, ZoneId zone) implements DowntimeWindow {
        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(zone, "zone");
        }

        /** The occurrence starting on {@code date}, or an empty interval when {@code date} is another weekday. */
        Interval on(LocalDate date) {
            Instant opens = WallClock.firstAtOrAfter(date.atTime(start), zone);
            if (date.getDayOfWeek() != day) {
                return new Interval(opens, opens);
            }
            LocalDate endDate = end.isAfter(start) ? date : date.plusDays(1);
            return new Interval(opens, WallClock.firstAtOrAfter(endDate.atTime(end), zone));
        }
    }

    /** A one-off downtime from {@code start} (inclusive) to {@code end} (exclusive); {@code end} after {@code start}. */
    record Once(Instant start, Instant end) implements DowntimeWindow {
        public Once {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("downtime end " + end + " is not after its start " + start);
            }
        }
    }
}
