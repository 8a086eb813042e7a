package org.openmargo.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DowntimeTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static DowntimeWindow.Weekly weekly(DayOfWeek day, String start, String end) {
        return new DowntimeWindow.Weekly(day, LocalTime.parse(start), LocalTime.parse(end), BERLIN);
    }

    static DowntimeWindow.Once once(String start, String end) {
        return new DowntimeWindow.Once(Instant.parse(start), Instant.parse(end));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void activeUntil_insideWeeklyWindow_endOfThatWindow() {
        Downtime sunday = new Downtime(List.of(weekly(DayOfWeek.SUNDAY, "01:00", "05:00")));

        assertThat(sunday.activeUntil(at("2026-06-13T23:00:00Z"))).contains(at("2026-06-14T03:00:00Z"));
        assertThat(sunday.activeUntil(at("2026-06-14T02:59:59Z"))).contains(at("2026-06-14T03:00:00Z"));
        assertThat(sunday.activeUntil(at("2026-06-14T03:00:00Z"))).isEmpty();
        assertThat(sunday.activeUntil(at("2026-06-13T22:59:59Z"))).isEmpty();
        assertThat(sunday.activeUntil(at("2026-06-15T00:00:00Z"))).isEmpty(); // Monday 02:00
    }

    @Test
    void activeUntil_weeklyWindowCrossingMidnight_endsNextDay() {
        Downtime saturdayNight = new Downtime(List.of(weekly(DayOfWeek.SATURDAY, "22:00", "02:00")));

        assertThat(saturdayNight.activeUntil(at("2026-06-13T23:00:00Z"))).contains(at("2026-06-14T00:00:00Z"));
        assertThat(saturdayNight.activeUntil(at("2026-06-14T23:00:00Z"))).isEmpty(); // Sunday night
    }

    @Test
    void activeUntil_weeklyOnSpringForwardSunday_endsAtLocalFiveCest() {
        Downtime sunday = new Downtime(List.of(weekly(DayOfWeek.SUNDAY, "01:00", "05:00")));

        assertThat(sunday.activeUntil(at("2026-03-29T00:00:00Z"))).contains(at("2026-03-29T03:00:00Z"));
        assertThat(sunday.covers(at("2026-03-28T23:59:59Z"))).isFalse();
    }

    @Test
    void activeUntil_onceRange_startInclusiveEndExclusive() {
        Downtime christmas = new Downtime(List.of(once("2026-12-24T18:00:00Z", "2026-12-27T06:00:00Z")));

        assertThat(christmas.activeUntil(at("2026-12-24T18:00:00Z"))).contains(at("2026-12-27T06:00:00Z"));
        assertThat(christmas.activeUntil(at("2026-12-27T06:00:00Z"))).isEmpty();
        assertThat(christmas.activeUntil(at("2026-12-24T17:59:59Z"))).isEmpty();
    }

    @Test
    void activeUntil_overlappingAndTouchingWindows_mergeIntoOneDowntime() {
        Downtime chained = new Downtime(List.of(
                weekly(DayOfWeek.SUNDAY, "01:00", "05:00"),
                once("2026-06-14T03:00:00Z", "2026-06-14T05:00:00Z"),    // touches the weekly end (05:00 local)
                once("2026-06-14T04:30:00Z", "2026-06-14T06:00:00Z")));  // overlaps the previous one

        assertThat(chained.activeUntil(at("2026-06-14T00:00:00Z"))).contains(at("2026-06-14T06:00:00Z"));
        assertThat(chained.activeUntil(at("2026-06-14T05:59:00Z"))).contains(at("2026-06-14T06:00:00Z"));
    }

    @Test
    void activeUntil_windowsCoveringTheWholeWeek_stillReturns() {
        List<DowntimeWindow> everyDay = Arrays.stream(DayOfWeek.values())
                .<DowntimeWindow>map(day -> weekly(day, "00:00", "00:00"))
                .toList();

        assertThat(new Downtime(everyDay).activeUntil(at("2026-06-14T12:00:00Z")))
                .hasValueSatisfying(end -> assertThat(end).isAfter(at("2026-07-01T00:00:00Z")));
    }

    @Test
    void once_endNotAfterStart_rejected() {
        assertThatThrownBy(() -> once("2026-12-27T06:00:00Z", "2026-12-27T06:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not after its start");
    }
}
