package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpiffeIdTest {

    @Test
    void parse_clientId_splitsTrustDomainAndSegments() {
        SpiffeId id = SpiffeId.parse("spiffe://example.org/margo/wfm/wfm-1/client/dev~A_1.b");

        assertThat(id.trustDomain()).isEqualTo("example.org");
        assertThat(id.segments()).containsExactly("margo", "wfm", "wfm-1", "client", "dev~A_1.b");
        assertThat(id.toString()).isEqualTo("spiffe://example.org/margo/wfm/wfm-1/client/dev~A_1.b");
    }

    @Test
    void parse_trustDomainOnly_hasNoSegments() {
        assertThat(SpiffeId.parse("spiffe://example.org").segments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.org/margo", "SPIFFE://example.org/a", "spiffe:///a", "spiffe://Example.org/a",
            "spiffe://example.org:443/a", "spiffe://user@example.org/a", "spiffe://example.org/a?q=1",
            "spiffe://example.org/a#f", "spiffe://example.org/", "spiffe://example.org/a//b",
            "spiffe://example.org/a/", "spiffe://example.org/./a", "spiffe://example.org/a/..",
            "spiffe://example.org/a%20b", "spiffe://example.org/a b"})
    void parse_invalid_fails(String text) {
        assertThatThrownBy(() -> SpiffeId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_longerThan2048_fails() {
        String text = "spiffe://example.org/" + "a".repeat(2048);

        assertThatThrownBy(() -> SpiffeId.parse(text)).hasMessageContaining("2048");
    }

    @Test
    void clientOf_exactShape_returnsClientId() {
        SpiffeId id = SpiffeId.parse("spiffe://example.org/margo/wfm/wfm-1/client/c1");

        assertThat(id.clientOf("example.org", "wfm-1")).contains("c1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "spiffe://other.org/margo/wfm/wfm-1/client/c1", "spiffe://example.org/margo/wfm/WFM-1/client/c1",
            "spiffe://example.org/margo/wfm/wfm-2/client/c1", "spiffe://example.org/margo/wfm/wfm-1",
            "spiffe://example.org/margo/wfm/wfm-1/client", "spiffe://example.org/margo/wfm/wfm-1/client/c1/x",
            "spiffe://example.org/margo/wfm/wfm-1/Client/c1", "spiffe://example.org/Margo/wfm/wfm-1/client/c1",
            "spiffe://example.org/margo/gw/wfm-1/client/c1"})
    void clientOf_otherShape_isEmpty(String text) {
        assertThat(SpiffeId.parse(text).clientOf("example.org", "wfm-1")).isEmpty();
    }

    @Test
    void isSegment_rules_matchMiaf() {
        assertThat(SpiffeId.isSegment("aZ09-._~")).isTrue();
        assertThat(List.of("", ".", "..", "a/b", "a b", "é", "a%41", "a:b"))
                .allSatisfy(s -> assertThat(SpiffeId.isSegment(s)).as(s).isFalse());
    }

    @Test
    void equals_differentCase_isNotEqual() {
        assertThat(SpiffeId.parse("spiffe://example.org/margo/wfm/w/client/Abc"))
                .isNotEqualTo(SpiffeId.parse("spiffe://example.org/margo/wfm/w/client/abc"));
    }

    @Test
    void client_factory_buildsCanonicalForm() {
        assertThat(SpiffeId.client("td", "w", "c").toString()).isEqualTo("spiffe://td/margo/wfm/w/client/c");
        assertThat(SpiffeId.wfm("td", "w").toString()).isEqualTo("spiffe://td/margo/wfm/w");
    }
}
