package org.openmargo.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The agent's own status file: what the agent writes, {@code agent status} reads back unchanged. */
class StatusFileFormatTest {
    @Test
    void decode_ofEncode_isTheSameSnapshot() {
        assertThat(StatusFileFormat.decode(StatusFileFormat.encode(Snapshots.full()))).isEqualTo(Snapshots.full());
        assertThat(StatusFileFormat.decode(StatusFileFormat.encode(Snapshots.bare()))).isEqualTo(Snapshots.bare());
    }

    @Test
    void encode_keepsTheKeysEarlierVersionsWrote() {
        String bare = new String(StatusFileFormat.encode(Snapshots.bare()), StandardCharsets.UTF_8);

        assertThat(bare).contains("\"lastSync\":\"never\"", "\"lastSyncResult\":\"none yet\"",
                "\"manifestVersion\":\"none\"", "\"pendingReports\":0");
    }

    @Test
    void decode_notJson_namesTheProblem() {
        assertThatThrownBy(() -> StatusFileFormat.decode("{\"lastSync\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON: ");
    }

    @Test
    void decode_badInstant_namesKeyAndValue() {
        String text = new String(StatusFileFormat.encode(Snapshots.full()), StandardCharsets.UTF_8)
                .replace("\"svidNotAfter\":\"2026-12-06T00:00:00Z\"", "\"svidNotAfter\":\"tomorrow\"");

        assertThatThrownBy(() -> StatusFileFormat.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("svidNotAfter: expected an instant but got 'tomorrow'");
    }

    @Test
    void decode_negativeCount_isRefused() {
        String text = new String(StatusFileFormat.encode(Snapshots.full()), StandardCharsets.UTF_8)
                .replace("\"accepted\":1", "\"accepted\":-1");

        assertThatThrownBy(() -> StatusFileFormat.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("accepted: expected a count");
    }

    @Test
    void decode_unknownDeploymentState_isRefused() {
        String text = new String(StatusFileFormat.encode(Snapshots.full()), StandardCharsets.UTF_8)
                .replace("\"state\":\"failed\"", "\"state\":\"exploded\"");

        assertThatThrownBy(() -> StatusFileFormat.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown state: exploded");
    }

    @Test
    void lastSuccessfulSync_damagedOrOlderFile_isEmptyNotAnError() {
        assertThat(StatusFileFormat.lastSuccessfulSync("{\"lastSync\":\"never\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(StatusFileFormat.lastSuccessfulSync("garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(StatusFileFormat.lastSuccessfulSync(StatusFileFormat.encode(Snapshots.full())))
                .contains(Instant.parse("2026-12-05T00:05:00Z"));
    }
}
