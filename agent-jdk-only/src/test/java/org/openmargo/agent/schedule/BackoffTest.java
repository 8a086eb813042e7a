package org.openmargo.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delay_growsByMultiplierUntilTheCap() {
        Backoff backoff = Backoff.defaults();

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void delay_fromANamedFirstWait_growsFromItUntilTheCap() {
        Backoff backoff = Backoff.defaults();

        assertThat(backoff.delay(1, Duration.ofSeconds(25))).isEqualTo(Duration.ofSeconds(25));
        assertThat(backoff.delay(3, Duration.ofSeconds(25))).isEqualTo(Duration.ofSeconds(100));
        assertThat(backoff.delay(6, Duration.ofSeconds(25))).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void delay_multiplierOne_isFixed() {
        Backoff fixed = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 1.0);

        assertThat(fixed.delay(50)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void construct_invalidValues_rejectedWithTheReason() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1), 2))
                .hasMessage("backoff initial must be at least PT1S but is PT0.5S");
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 2))
                .hasMessageContaining("backoff max must lie between initial PT2M and PT24H");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Double.NaN))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Jitter(51)).hasMessageContaining("between 0 and 50");
        assertThatThrownBy(() -> new ScheduleSettings(Duration.ZERO, Jitter.defaults(), PollWindows.always(),
                Downtime.none(), Backoff.defaults())).hasMessageContaining("poll rate must lie between PT1S");
    }
}
