package org.openmargo.wfm.fleet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

class SelectorTest {

    private static Selector parse(String json) {
        return Selector.parse(Json.createReader(new StringReader(json)).readValue(), "selector");
    }

    @Test
    void matches_matchLabelsAndEveryExpression_areAnded() {
        Selector s = parse("""
                {"matchLabels": {"site": "plant-7"},
                 "matchExpressions": [{"key": "line", "operator": "In", "values": ["a", "b"]},
                                      {"key": "canary", "operator": "DoesNotExist"},
                                      {"key": "tier", "operator": "NotIn", "values": ["lab"]},
                                      {"key": "gpu", "operator": "Exists"}]}""");
        Map<String, String> ok = Map.of("site", "plant-7", "line", "b", "gpu", "true");
        assertThat(s.matches("c1", ok)).isTrue();
        assertThat(s.matches("c1", Map.of("site", "plant-7", "line", "c", "gpu", "x"))).isFalse();
        assertThat(s.matches("c1", Map.of("site", "plant-7", "line", "a", "gpu", "x", "canary", ""))).isFalse();
        assertThat(s.matches("c1", Map.of("site", "plant-7", "line", "a", "gpu", "x", "tier", "lab"))).isFalse();
        assertThat(s.matches("c1", Map.of("site", "plant-7", "line", "a"))).isFalse();
        assertThat(s.matches("c1", Map.of("site", "Plant-7", "line", "a", "gpu", "x"))).as("case-sensitive")
                .isFalse();
    }

    @Test
    void matches_explicitClient_isTargetedWhateverItsLabels() {
        Selector s = parse("{\"clients\": [\"c9\"], \"matchLabels\": {\"site\": \"x\"}}");
        assertThat(s.matches("c9", Map.of())).isTrue();
        assertThat(s.matches("c8", Map.of())).isFalse();
        assertThat(s.matches("c8", Map.of("site", "x"))).isTrue();
    }

    @Test
    void matches_explicitDevice_isTargetedOnAnyClient_butNotWithoutItsId() {
        Selector s = parse("{\"devices\": [\"line-1/press\"]}");
        assertThat(s.matches("c1", "line-1/press", Map.of())).isTrue();
        assertThat(s.matches("c2", "line-1/press", Map.of())).isTrue();
        assertThat(s.matches("c1", "line-1/other", Map.of("x", "y"))).isFalse();
        assertThat(s.matches("c1", Map.of())).as("no device id known").isFalse();
        assertThat(parse(s.toJson().toString())).isEqualTo(s);
    }

    @Test
    void parse_badDeviceIds_areNamedByIndex() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> parse("{\"devices\": [\"ok\", \"a b\", 7, \"/lead\"]}"));
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("selector.devices[1]", "selector.devices[2]", "selector.devices[3]");
        assertThat(catchThrowableOfType(ProblemException.class, () -> parse("{\"devices\": \"x\"}")).errors())
                .containsExactly(new FieldError("selector.devices", "must be an array of device ids"));
    }

    @Test
    void matches_onlyClients_neverMatchesByEmptyLabelPart() {
        Selector s = parse("{\"clients\": [\"c9\"]}");
        assertThat(s.matches("c8", Map.of("anything", "x"))).isFalse();
    }

    @Test
    void parse_emptySelector_isRefusedRatherThanTargetingEverything() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> parse("{}"));
        assertThat(e.type()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        assertThat(e.errors()).containsExactly(new FieldError("selector",
                "must name at least one client, one device or one label term"));
    }

    @Test
    void parse_everyBrokenTerm_isNamed() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> parse("""
                {"matchLabels": {"a": 1}, "colour": "x", "clients": ["bad id"],
                 "matchExpressions": [{"key": "k", "operator": "In"}, {"key": "", "operator": "Gt"},
                                      {"key": "k", "operator": "Exists", "values": ["v"]}, 3]}"""));
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "selector.colour", "selector.clients[0]", "selector.matchLabels.a",
                "selector.matchExpressions[0].values", "selector.matchExpressions[1].key",
                "selector.matchExpressions[1].operator", "selector.matchExpressions[2].values",
                "selector.matchExpressions[3]");
    }

    @Test
    void parse_notAnObject_isRefused() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> Selector.parse(JsonValue.TRUE, "selector"));
        assertThat(e.errors()).containsExactly(new FieldError("selector", "must be an object"));
    }

    @Test
    void toJson_roundTrips() {
        Selector s = parse("""
                {"clients": ["c1"], "matchLabels": {"site": "p"},
                 "matchExpressions": [{"key": "line", "operator": "NotIn", "values": ["a"]}]}""");
        assertThat(parse(s.toJson().toString())).isEqualTo(s);
    }

    @Test
    void deviceLabels_operatorLabelWinsAndValuesBecomeText() {
        byte[] caps = """
                {"properties": {"id": "d"}, "labels": {"site": "device-says", "gpu": true, "cores": 8,
                 "zones": ["a", "b"]}}""".getBytes(UTF_8);
        assertThat(DeviceLabels.of(caps, Map.of("site", "operator-says", "group", "g1"))).isEqualTo(Map.of(
                "site", "operator-says", "gpu", "true", "cores", "8", "zones", "a,b", "group", "g1"));
    }

    @Test
    void deviceLabels_unreadableCapabilities_giveOnlyOperatorLabels() {
        assertThat(DeviceLabels.of("not json".getBytes(UTF_8), Map.of("group", "g"))).isEqualTo(Map.of("group", "g"));
    }
}
