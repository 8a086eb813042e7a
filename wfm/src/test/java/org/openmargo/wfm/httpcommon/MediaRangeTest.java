package org.openmargo.wfm.httpcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaRangeTest {
    @ParameterizedTest
    @ValueSource(strings = {";", ";;;", "", " , ,", "*/json", "text", "text/", "/json", "text/plain;q=2",
            "text/plain;q=0.0001", "text/plain;q=", "text/plain;q=abc", "text/plain;=x", "text/plain;a=\"open",
            "text/plain x", "té/plain", "text/plain;a=\"\u0001\""})
    void parseAll_malformed_yieldsNoRange(String header) {
        assertThat(MediaRange.parseAll(header)).isEmpty();
    }

    @Test
    void parseAll_listWithWeightsAndQuotedCommas_keepsEachWellFormedRange() {
        List<MediaRange> ranges = MediaRange.parseAll(
                "Application/JSON;q=0.5, text/*;x=\"a,b\";q=0, ;, */*;q=1.000, bad/;q=1");
        assertThat(ranges).containsExactly(new MediaRange("application", "json", 500),
                new MediaRange("text", "*", 0), new MediaRange("*", "*", 1000));
    }

    @Test
    void parse_emptyParameters_areAllowed() {
        assertThat(MediaRange.parse("text/plain ; ; q=0.25;")).contains(new MediaRange("text", "plain", 250));
    }

    @Test
    void specificity_ordersExactOverTypeWildcardOverAnything() {
        String wanted = "application/vnd.margo.manifest.v1+json";
        assertThat(new MediaRange("application", "vnd.margo.manifest.v1+json", 1000).specificity(wanted)).isEqualTo(3);
        assertThat(new MediaRange("application", "*", 1000).specificity(wanted)).isEqualTo(2);
        assertThat(new MediaRange("*", "*", 1000).specificity(wanted)).isEqualTo(1);
        assertThat(new MediaRange("application", "json", 1000).specificity(wanted)).isZero();
    }
}
