package org.openmargo.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource({
        "PT10M, 10m0s",
        "PT8M30S, 8m30s",
        "PT45S, 45s",
        "PT1H2M3S, 1h2m3s",
        "PT2H, 2h0m0s",
        "PT0.2S, 1s",
        "PT1M0.001S, 1m1s",
        "PT0S, 0s",
    })
    void format_isGoDurationString(String iso, String expected) {
        assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(expected);
    }
}
