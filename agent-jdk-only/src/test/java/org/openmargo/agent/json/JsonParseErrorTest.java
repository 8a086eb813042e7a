package org.openmargo.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonParseErrorTest {

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("", 1, 1, "expected value but got end of input"),
                Arguments.of("{\"a\":1,}", 1, 8, "expected member name but got '}'"),
                Arguments.of("[1,]", 1, 4, "expected value but got ']'"),
                Arguments.of("// c\n1", 1, 1, "expected value but got '/'"),
                Arguments.of("NaN", 1, 1, "expected value but got 'N'"),
                Arguments.of("-Infinity", 1, 2, "expected digit but got 'I'"),
                Arguments.of("01", 1, 2, "expected '.', 'e' or the end of the number after a leading 0 but got '1'"),
                Arguments.of("[1.]", 1, 4, "expected digit but got ']'"),
                Arguments.of("1e+", 1, 4, "expected digit but got end of input"),
                Arguments.of("{\"a\":1,\"a\":2}", 1, 8, "expected a unique member name but got duplicate \"a\""),
                Arguments.of("1 2", 1, 3, "expected end of input but got '2'"),
                Arguments.of("\ufeff{}", 1, 1, "expected value but got U+FEFF"),
                Arguments.of("\"\\ud800\"", 1, 8, "expected a low surrogate escape after \\uD800 but got '\"'"),
                Arguments.of("\"\\udc00\"", 1, 2, "expected a high surrogate before a low surrogate but got \\uDC00"),
                Arguments.of("\"\\ud800\\u0041\"", 1, 8, "expected a low surrogate after \\uD800 but got \\u0041"),
                Arguments.of("\"a\tb\"", 1, 3,
                        "expected a character (control characters must be escaped) but got U+0009"),
                Arguments.of("\"abc", 1, 5, "expected '\"' but got end of input"),
                Arguments.of("\"\\x\"", 1, 3, "expected escape character but got 'x'"),
                Arguments.of("\"\\u12G4\"", 1, 6, "expected hexadecimal digit but got 'G'"),
                Arguments.of("tru", 1, 4, "expected 'e' of true but got end of input"),
                Arguments.of("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}' but got '\"'"),
                Arguments.of("{\"a\" 1}", 1, 6, "expected ':' but got '1'"),
                Arguments.of("[1 2]", 1, 4, "expected ',' or ']' but got '2'"),
                Arguments.of("{1:2}", 1, 2, "expected member name but got '1'"),
                Arguments.of("\"é\"\n x", 2, 2, "expected end of input but got 'x'"),
                Arguments.of("[".repeat(65), 1, 65, "expected at most 64 nested containers but got '['"));
    }

    @ParameterizedTest
    @MethodSource("invalidDocuments")
    void parse_invalidDocument_failsAtLocation(String json, int line, int column, String detail) {
        JsonParseException e = parseFailure(json.getBytes(StandardCharsets.UTF_8));
        assertThat(e).hasMessage("line " + line + ", column " + column + ": " + detail);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
    }

    static Stream<Arguments> malformedUtf8() {
        return Stream.of(
                Arguments.of(new byte[] {'[', '"', (byte) 0xC3, '(', '"', ']'}, 1, 3, "byte 0xC3"),
                Arguments.of(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, 1, 2, "byte 0xC0"),
                Arguments.of(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, 1, 2, "byte 0xED"),
                Arguments.of(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 1, 2, "byte 0xF4"),
                Arguments.of(new byte[] {'\n', '"', 'a', (byte) 0xE2, (byte) 0x82}, 2, 3, "byte 0xE2"),
                Arguments.of(new byte[] {'"', (byte) 0xFF, '"'}, 1, 2, "byte 0xFF"));
    }

    @ParameterizedTest
    @MethodSource("malformedUtf8")
    void parse_malformedUtf8_failsAtFirstBadByte(byte[] utf8, int line, int column, String got) {
        assertThat(parseFailure(utf8)).hasMessage("line " + line + ", column " + column
                + ": expected a well-formed UTF-8 sequence but got " + got);
    }

    @Test
    void parse_loneSurrogateInStringInput_fails() {
        JsonParseException e = catchThrowableOfType(JsonParseException.class, () -> Json.parse("\"a\ud800\""));
        assertThat(e).hasMessage("line 1, column 4: expected a low surrogate after a high surrogate but got '\"'");
    }

    @Test
    void parse_inputOverLimit_failsBeforeParsing() {
        JsonParseException e = parseFailure(new byte[Json.MAX_INPUT_BYTES + 1]);
        assertThat(e).hasMessage("line 1, column 1: expected at most 8388608 bytes but got 8388609");
    }

    @Test
    void parse_stringOverLimit_failsAtEndOfRun() {
        String json = "\"" + "a".repeat(Json.MAX_STRING_LENGTH + 1) + "\"";
        assertThat(parseFailure(json.getBytes(StandardCharsets.US_ASCII))).hasMessage(
                "line 1, column 1048579: expected a string of at most 1048576 characters but got '\"'");
    }

    @Test
    void parse_arrayOverItemLimit_failsAtFirstExtraItem() {
        String json = "[" + "0,".repeat(Json.MAX_CONTAINER_SIZE) + "0]";
        assertThat(parseFailure(json.getBytes(StandardCharsets.US_ASCII))).hasMessage(
                "line 1, column 200002: expected at most 100000 items but got '0'");
    }

    @Test
    void parse_deepNestingFarOverLimit_failsWithoutStackOverflow() {
        String json = "{\"a\":".repeat(100_000);
        assertThat(parseFailure(json.getBytes(StandardCharsets.US_ASCII)).column()).isEqualTo(64 * 5 + 1);
    }

    private static JsonParseException parseFailure(byte[] utf8) {
        return catchThrowableOfType(JsonParseException.class, () -> Json.parse(utf8));
    }
}
