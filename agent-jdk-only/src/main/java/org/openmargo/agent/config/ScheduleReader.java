package org.openmargo.agent.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.schedule.DailyWindow;
import org.openmargo.agent.schedule.Downtime;
import org.openmargo.agent.schedule.DowntimeWindow;
import org.openmargo.agent.schedule.Jitter;
import org.openmargo.agent.schedule.PollWindows;
import org.openmargo.agent.schedule.ScheduleSettings;

/** Reads the schedule keys ({@link ConfigKey#schedule()}) into {@link ScheduleSettings}. */
final class ScheduleReader {
    private static final Pattern WINDOW = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final Pattern WEEKLY = Pattern.compile("([A-Za-z]{3})\\s+(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private final ValueReader reader;

    ScheduleReader(ValueReader reader) {
        this.reader = reader;
    }

    Optional<Duration> statusInterval() {
        return reader.duration(ConfigKey.STATUS_INTERVAL, ScheduleSettings.SHORTEST_RATE, ScheduleSettings.LONGEST_RATE);
    }

    /** All schedule settings, or empty after recording at least one problem. */
    Optional<ScheduleSettings> settings() {
        Optional<Duration> rate = reader.duration(ConfigKey.POLL_RATE, ScheduleSettings.SHORTEST_RATE,
                ScheduleSettings.LONGEST_RATE);
        Optional<Integer> jitter = reader.integer(ConfigKey.POLL_JITTER_PERCENT, 0, 50);
        Optional<ZoneId> zone = reader.read(ConfigKey.POLL_TIME_ZONE, ZoneId::of,
                "a time zone such as Europe/Berlin or UTC");
        Optional<List<DailyWindow>> windows = reader.readList(ConfigKey.POLL_WINDOWS, ScheduleReader::window,
                "a daily window HH:MM-HH:MM such as 06:00-22:00");
        ZoneId weeklyZone = zone.orElse(ZoneId.of("UTC"));
        Optional<List<DowntimeWindow>> weekly = reader.readList(ConfigKey.DOWNTIME_WEEKLY,
                value -> weekly(value, weeklyZone), "a weekly window such as SUN 01:00-05:00");
        Optional<List<DowntimeWindow>> once = reader.readList(ConfigKey.DOWNTIME_ONCE, ScheduleReader::once,
                "a range of two ISO-8601 instants such as 2026-12-24T18:00:00Z/2026-12-27T06:00:00Z");
        Optional<Backoff> backoff = backoff();
        if (rate.isEmpty() || jitter.isEmpty() || zone.isEmpty() || windows.isEmpty() || weekly.isEmpty()
                || once.isEmpty() || backoff.isEmpty()) {
            return Optional.empty();
        }
        List<DowntimeWindow> downtime = new ArrayList<>(weekly.get());
        downtime.addAll(once.get());
        return Optional.of(new ScheduleSettings(rate.get(), new Jitter(jitter.get()),
                new PollWindows(windows.get(), zone.get()), new Downtime(downtime), backoff.get()));
    }

    private Optional<Backoff> backoff() {
        Optional<Duration> initial = reader.duration(ConfigKey.BACKOFF_INITIAL, Duration.ofSeconds(1), Backoff.LONGEST);
        Optional<Duration> max = reader.duration(ConfigKey.BACKOFF_MAX, Duration.ofSeconds(1), Backoff.LONGEST);
        Optional<Double> multiplier = reader.decimal(ConfigKey.BACKOFF_MULTIPLIER, 1, 10);
        if (initial.isEmpty() || max.isEmpty() || multiplier.isEmpty()) {
            return Optional.empty();
        }
        if (max.get().compareTo(initial.get()) < 0) {
            reader.problem(ConfigKey.BACKOFF_MAX, "expected at least backoff.initial (" + initial.get()
                    + ") but got '" + max.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new Backoff(initial.get(), max.get(), multiplier.get()));
    }

    static DailyWindow window(String value) {
        Matcher matcher = WINDOW.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(value);
        }
        return new DailyWindow(time(matcher.group(1)), time(matcher.group(2)));
    }

    static DowntimeWindow weekly(String value, ZoneId zone) {
        Matcher matcher = WEEKLY.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(value);
        }
        return new DowntimeWindow.Weekly(day(matcher.group(1)), time(matcher.group(2)), time(matcher.group(3)), zone);
    }

    static DowntimeWindow once(String value) {
        String[] ends = value.split("/", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException(value);
        }
        return new DowntimeWindow.Once(OffsetDateTime.parse(ends[0].strip()).toInstant(),
                OffsetDateTime.parse(ends[1].strip()).toInstant());
    }

    private static LocalTime time(String value) {
        return LocalTime.parse(value, HOURS_MINUTES);
    }

    private static DayOfWeek day(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(upper)) {
                return day;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
