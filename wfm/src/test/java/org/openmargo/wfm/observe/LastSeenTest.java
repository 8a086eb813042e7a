package org.openmargo.wfm.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LastSeenTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LastSeen seen = new LastSeen(now::get);

    @Test
    void refresh_clientsOfDifferentAges_eachInItsBucketAndBoundsExclusive() {
        seen.seen("fresh");
        advance(Duration.ofMinutes(5));
        seen.seen("exactly-now");
        advance(Duration.ofMinutes(55));
        seen.seen("now");
        advance(Duration.ofHours(23));
        seen.seen("latest");

        seen.refresh();

        // ages: fresh 24 h, exactly-now 23 h 55 min, now 23 h, latest 0
        assertThat(seen.count(LastSeen.Age.UNDER_5M)).isEqualTo(1);
        assertThat(seen.count(LastSeen.Age.UNDER_1H)).isZero();
        assertThat(seen.count(LastSeen.Age.UNDER_24H)).isEqualTo(2);
        assertThat(seen.count(LastSeen.Age.OVER_24H)).isEqualTo(1);
    }

    @Test
    void refresh_countsOnlyChangeAtRefresh_andARepeatedClientCountsOnce() {
        seen.seen("a");
        seen.seen("a");
        assertThat(seen.count(LastSeen.Age.UNDER_5M)).isZero();

        seen.refresh();
        assertThat(seen.count(LastSeen.Age.UNDER_5M)).isEqualTo(1);

        advance(Duration.ofMinutes(10));
        assertThat(seen.count(LastSeen.Age.UNDER_5M)).isEqualTo(1);
        seen.refresh();
        assertThat(seen.count(LastSeen.Age.UNDER_5M)).isZero();
        assertThat(seen.count(LastSeen.Age.UNDER_1H)).isEqualTo(1);
    }

    @Test
    void refresh_clientUnseenForThirtyDays_isForgotten() {
        seen.seen("gone");
        advance(LastSeen.FORGET);
        seen.refresh();

        assertThat(seen.count(LastSeen.Age.OVER_24H)).isZero();
        seen.seen("gone");
        seen.refresh();
        assertThat(seen.count(LastSeen.Age.UNDER_5M)).isEqualTo(1);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }
}
