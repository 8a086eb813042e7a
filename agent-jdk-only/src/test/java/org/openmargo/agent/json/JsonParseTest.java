package org.openmargo.agent.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonParseTest {

    private static JsonValue parse(String text) throws JsonParseException {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_stateManifest_buildsTreeInSourceOrder() throws Exception {
        JsonValue value = parse("""
                {"manifestVersion":18446744073709551615,
                 "bundle":null,
                 "deployments":[{"deploymentId":"a3e2f5dc-912e-494f-8395-52cf3769bc06","sizeBytes":12}]}
                """);
        JsonObject manifest = (JsonObject) value;
        assertThat(manifest.members().keySet()).containsExactly("manifestVersion", "bundle", "deployments");
        assertThat(manifest.number("manifestVersion").orElseThrow().unsignedLongValueExact()).isEqualTo(-1L);
        assertThat(manifest.get("bundle")).contains(JsonNull.INSTANCE);
        JsonObject ref = (JsonObject) manifest.array("deployments").orElseThrow().items().get(0);
        assertThat(ref.string("deploymentId")).contains("a3e2f5dc-912e-494f-8395-52cf3769bc06");
        assertThat(ref.number("sizeBytes").orElseThrow().longValueExact()).isEqualTo(12L);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("\"a\\\"b\"", "a\"b"),
                Arguments.of("\"\\\\\\/\"", "\\/"),
                Arguments.of("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t"),
                Arguments.of("\"\\u0041\\u00e9\\u00E9\"", "A\u00e9\u00e9"),
                Arguments.of("\"\\ud83d\\ude00\"", "\ud83d\ude00"),
                Arguments.of("\"\ud83d\ude00\"", "\ud83d\ude00"),
                Arguments.of("\"\\uFFFF\\u0000\"", "\uffff\u0000"),
                Arguments.of("\"\"", ""));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void parse_stringEscapes_decodeToValue(String json, String expected) throws Exception {
        assertThat(parse(json)).isEqualTo(new JsonString(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "0", "-0", "1", "-1", "123", "1.5", "-0.0e+10", "1E3", "1e-3",
        "18446744073709551615", "123456789012345678901234567890.5e-400",
    })
    void parse_numbers_keepExactText(String json) throws Exception {
        assertThat(parse(json)).isEqualTo(new JsonNumber(json));
    }

    @Test
    void parse_literalsAndWhitespace_acceptsAllFourWhitespaceKinds() throws Exception {
        assertThat(parse(" \t\r\n[true,false,null]\n")).isEqualTo(new JsonArray(
                List.of(new JsonBool(true), new JsonBool(false), JsonNull.INSTANCE)));
        assertThat(parse("{}")).isEqualTo(new JsonObject(Map.of()));
        assertThat(parse("[ ]")).isEqualTo(new JsonArray(List.of()));
    }

    @Test
    void parse_depthAtLimit_succeeds() throws Exception {
        String json = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        JsonValue value = parse(json);
        int depth = 0;
        while (value instanceof JsonArray array) {
            depth++;
            value = array.items().isEmpty() ? null : array.items().get(0);
        }
        assertThat(depth).isEqualTo(Json.MAX_DEPTH);
    }

    @Test
    void parse_stringInput_matchesByteInput() throws Exception {
        String json = "{\"a\":[1,\"é\"]}";
        assertThat(Json.parse(json)).isEqualTo(parse(json));
    }

    @Test
    void write_parsedDocument_isCompactAndRoundTrips() throws Exception {
        String json = "{ \"b\" : [1.50, -0, \"x\\ny\\u0001\\\"\"], \"a\" : {\"c\":true, \"d\":null} }";
        String written = Json.write(parse(json));
        assertThat(written).isEqualTo("{\"b\":[1.50,-0,\"x\\ny\\u0001\\\"\"],\"a\":{\"c\":true,\"d\":null}}");
        assertThat(parse(written)).isEqualTo(parse(json));
    }

    @Test
    void write_loneSurrogateAndUnicode_escapesOnlyTheLoneSurrogate() {
        JsonValue value = new JsonString("\ud800é😀");
        assertThat(Json.write(value)).isEqualTo("\"\\ud800é😀\"");
        assertThat(new String(Json.writeUtf8(value), StandardCharsets.UTF_8)).isEqualTo("\"\\ud800é😀\"");
    }

    @Test
    void builder_membersOfEachKind_keepInsertionOrder() {
        JsonObject object = JsonObject.builder().put("z", "s").put("y", 7L).put("x", true)
                .put("w", JsonNull.INSTANCE).build();
        assertThat(Json.write(object)).isEqualTo("{\"z\":\"s\",\"y\":7,\"x\":true,\"w\":null}");
        assertThat(object.string("y")).isEmpty();
        assertThat(object.bool("x")).contains(true);
        assertThat(object.object("z")).isEmpty();
    }
}
