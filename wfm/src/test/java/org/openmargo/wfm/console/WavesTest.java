package org.openmargo.wfm.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WavesTest {
    @Test
    void parse_countsAndPercentages_inTheApisShape() {
        assertThat(Waves.parse("1, 50%,100 %").orElseThrow().toString())
                .isEqualTo("[{\"devices\":1},{\"percent\":50},{\"percent\":100}]");
    }

    @Test
    void parse_anythingElse_empty() {
        assertThat(Waves.parse("")).isEmpty();
        assertThat(Waves.parse("1,,2")).isEmpty();
        assertThat(Waves.parse("half")).isEmpty();
        assertThat(Waves.parse("-1")).isEmpty();
        assertThat(Waves.parse("1.5%")).isEmpty();
    }
}
