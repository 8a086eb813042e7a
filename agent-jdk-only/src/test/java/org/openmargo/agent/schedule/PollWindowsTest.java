package org.openmargo.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class PollWindowsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static PollWindows windows(ZoneId zone, String... ranges) {
        return new PollWindows(List.of(ranges).stream().map(PollWindowsTest::window).toList(), zone);
    }

    static DailyWindow window(String range) {
        String[] parts = range.split("-");
        return new DailyWindow(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void contains_dayWindow_startInclusiveEndExclusive() {
        PollWindows day = windows(BERLIN, "06:00-22:00");

        assertThat(day.contains(at("2026-06-14T03:59:59Z"))).isFalse();
        assertThat(day.contains(at("2026-06-14T04:00:00Z"))).isTrue();
        assertThat(day.contains(at("2026-06-14T19:59:59Z"))).isTrue();
        assertThat(day.contains(at("2026-06-14T20:00:00Z"))).isFalse();
    }

    @Test
    void contains_emptyList_alwaysOpen() {
        assertThat(PollWindows.always().contains(at("2026-06-14T03:00:00Z"))).isTrue();
        assertThat(PollWindows.always().nextOpening(at("2026-06-14T03:00:00Z"))).isEqualTo(at("2026-06-14T03:00:00Z"));
    }

    @Test
    void contains_startEqualsEnd_wholeDay() {
        PollWindows whole = windows(BERLIN, "05:00-05:00");

        assertThat(whole.contains(at("2026-06-14T02:59:00Z"))).isTrue();
        assertThat(whole.contains(at("2026-03-29T01:30:00Z"))).isTrue();
    }

    @Test
    void contains_windowCrossingMidnight_coversBothSides() {
        PollWindows night = windows(BERLIN, "23:00-01:30");

        assertThat(night.contains(at("2026-06-14T21:00:00Z"))).isTrue();  // 23:00 local
        assertThat(night.contains(at("2026-06-14T22:30:00Z"))).isTrue();  // 00:30 local next day
        assertThat(night.contains(at("2026-06-14T23:30:00Z"))).isFalse(); // 01:30 local
        assertThat(night.contains(at("2026-06-14T20:59:59Z"))).isFalse();
    }

    @Test
    void nextOpening_afterMidnightWindowCloses_opensAt2300SameDay() {
        PollWindows night = windows(BERLIN, "23:00-01:30");

        assertThat(night.nextOpening(at("2026-06-14T00:00:00Z"))).isEqualTo(at("2026-06-14T21:00:00Z"));
    }

    @Test
    void nextOpening_twoWindows_picksTheEarlierOpening() {
        PollWindows two = windows(BERLIN, "06:00-12:00", "14:00-22:00");

        assertThat(two.nextOpening(at("2026-06-14T10:30:00Z"))).isEqualTo(at("2026-06-14T12:00:00Z"));
        assertThat(two.nextOpening(at("2026-06-14T20:30:00Z"))).isEqualTo(at("2026-06-15T04:00:00Z"));
        assertThat(two.nextOpening(at("2026-06-14T05:00:00Z"))).isEqualTo(at("2026-06-14T05:00:00Z"));
    }

    @Test
    void berlinSpringForward_startInsideGap_opensWhenTheGapEnds() {
        // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00Z): 02:30 does not exist that night.
        PollWindows gap = windows(BERLIN, "02:30-05:00");

        assertThat(gap.nextOpening(at("2026-03-28T23:00:00Z"))).isEqualTo(at("2026-03-29T01:00:00Z"));
        assertThat(gap.contains(at("2026-03-29T00:59:59Z"))).isFalse();
        assertThat(gap.contains(at("2026-03-29T01:00:00Z"))).isTrue();
        assertThat(gap.contains(at("2026-03-29T02:59:59Z"))).isTrue();   // 04:59:59 CEST
        assertThat(gap.contains(at("2026-03-29T03:00:00Z"))).isFalse();
    }

    @Test
    void berlinSpringForward_dayWindow_isAnHourShorterInUtc() {
        PollWindows day = windows(BERLIN, "01:00-06:00");

        assertThat(day.nextOpening(at("2026-03-28T23:30:00Z"))).isEqualTo(at("2026-03-29T00:00:00Z"));
        assertThat(day.contains(at("2026-03-29T03:59:59Z"))).isTrue();   // 05:59:59 CEST
        assertThat(day.contains(at("2026-03-29T04:00:00Z"))).isFalse();
    }

    @Test
    void berlinFallBack_startInsideOverlap_opensOnceAndStaysOpen() {
        // 2026-10-25 03:00 CEST goes back to 02:00 CET (01:00Z): 02:30 happens twice.
        PollWindows overlap = windows(BERLIN, "02:30-04:00");

        assertThat(overlap.nextOpening(at("2026-10-25T00:00:00Z"))).isEqualTo(at("2026-10-25T00:30:00Z"));
        assertThat(overlap.contains(at("2026-10-25T01:15:00Z"))).isTrue();   // 02:15 CET, second pass
        assertThat(overlap.contains(at("2026-10-25T02:59:59Z"))).isTrue();   // 03:59:59 CET
        assertThat(overlap.contains(at("2026-10-25T03:00:00Z"))).isFalse();
        assertThat(overlap.nextOpening(at("2026-10-25T01:40:00Z"))).isEqualTo(at("2026-10-25T01:40:00Z"));
        assertThat(overlap.nextOpening(at("2026-10-25T03:00:00Z"))).isEqualTo(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void berlinFallBack_endInsideOverlap_closesAtTheFirstOccurrence() {
        PollWindows night = windows(BERLIN, "22:00-02:30");

        assertThat(night.contains(at("2026-10-25T00:29:59Z"))).isTrue();    // 02:29:59 CEST
        assertThat(night.contains(at("2026-10-25T00:30:00Z"))).isFalse();   // 02:30 CEST
        assertThat(night.contains(at("2026-10-25T01:15:00Z"))).isFalse();   // 02:15 CET does not reopen
    }

    @Test
    void newYorkSpringForward_windowStartingAt0200_opensAt0300Edt() {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00Z).
        PollWindows early = windows(NEW_YORK, "02:00-06:00");

        assertThat(early.nextOpening(at("2026-03-08T05:00:00Z"))).isEqualTo(at("2026-03-08T07:00:00Z"));
        assertThat(early.contains(at("2026-03-08T09:59:59Z"))).isTrue();    // 05:59:59 EDT
        assertThat(early.contains(at("2026-03-08T10:00:00Z"))).isFalse();
    }

    @Test
    void newYorkFallBack_windowInsideOverlap_doesNotOpenTwice() {
        // 2026-11-01 02:00 EDT goes back to 01:00 EST (06:00Z): 01:00-01:45 happens twice.
        PollWindows overlap = windows(NEW_YORK, "01:00-01:45");

        assertThat(overlap.nextOpening(at("2026-11-01T04:00:00Z"))).isEqualTo(at("2026-11-01T05:00:00Z"));
        assertThat(overlap.contains(at("2026-11-01T06:15:00Z"))).isFalse();  // 01:15 EST
        assertThat(overlap.nextOpening(at("2026-11-01T05:45:00Z"))).isEqualTo(at("2026-11-02T06:00:00Z"));
    }

    @Test
    void newYorkWindow_followsTheOffsetChangeAcrossTheWeekend() {
        PollWindows day = windows(NEW_YORK, "06:00-22:00");

        assertThat(day.nextOpening(at("2026-03-07T05:00:00Z"))).isEqualTo(at("2026-03-07T11:00:00Z")); // EST
        assertThat(day.nextOpening(at("2026-03-08T05:00:00Z"))).isEqualTo(at("2026-03-08T10:00:00Z")); // EDT
    }
}
