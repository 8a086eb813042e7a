package org.openmargo.wfm.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;

class WaveSizeTest {

    private static List<WaveSize> parse(String json) {
        return WaveSize.parse(Json.createReader(new StringReader(json)).readValue());
    }

    @Test
    void assign_canaryThenPercentThenRest() {
        List<WaveSize> waves = parse("[{\"devices\": 1}, {\"percent\": 50}, {\"percent\": 100}]");
        assertThat(WaveSize.assign(waves, 6)).containsExactly(0, 1, 1, 2, 2, 2);
        assertThat(WaveSize.assign(waves, 1)).containsExactly(0);
        assertThat(WaveSize.assign(waves, 0)).isEmpty();
    }

    @Test
    void assign_lastWaveTakesTheRestEvenWhenItsSizeIsSmaller() {
        assertThat(WaveSize.assign(parse("[{\"devices\": 2}, {\"devices\": 1}]"), 5)).containsExactly(0, 0, 1, 1, 1);
    }

    @Test
    void assign_percentBelowWhatEarlierWavesReached_isAnEmptyWave() {
        assertThat(WaveSize.assign(parse("[{\"devices\": 3}, {\"percent\": 10}, {\"percent\": 100}]"), 4))
                .containsExactly(0, 0, 0, 2);
    }

    @Test
    void parse_badWaves_areNamed() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> parse(
                "[{\"devices\": 0}, {\"percent\": 101}, {\"percent\": 5, \"devices\": 1}, {\"devices\": 1.5}, 3]"));
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("waves[0]", "waves[1]", "waves[2]", "waves[3]", "waves[4]");
        assertThat(catchThrowableOfType(ProblemException.class, () -> parse("[]")).errors())
                .extracting(FieldError::field).containsExactly("waves");
    }

    @Test
    void toJson_roundTrips() {
        List<WaveSize> waves = parse("[{\"devices\": 1}, {\"percent\": 50}]");
        assertThat(parse(WaveSize.toJson(waves).toString())).isEqualTo(waves);
    }
}
