package org.openmargo.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class YamlParseErrorTest {

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("a: &x 1\n", 1, 4, "expected a node (anchors are not supported) but got '&'"),
                Arguments.of("a: 1\nb: *x\n", 2, 4, "expected a node (aliases are not supported) but got '*'"),
                Arguments.of("a: !!str 1\n", 1, 4, "expected a node (tags are not supported) but got '!'"),
                Arguments.of("a: 1\n<<: {b: 2}\n", 2, 1, "expected a key but got merge key '<<'"),
                Arguments.of("a: {<<: 1}\n", 1, 5, "expected a key but got merge key '<<'"),
                Arguments.of("? a\n: 1\n", 1, 1, "expected a scalar key (complex keys are not supported) but got '?'"),
                Arguments.of("a: 1\n? b\n", 2, 1, "expected a scalar key (complex keys are not supported) but got '?'"),
                Arguments.of("a: 1\nb: 2\na: 3\n", 3, 1, "expected a unique key but got duplicate \"a\""),
                Arguments.of("m:\n  'k': 1\n  k: 2\n", 3, 3, "expected a unique key but got duplicate \"k\""),
                Arguments.of("a: {x: 1, x: 2}\n", 1, 11, "expected a unique key but got duplicate \"x\""),
                Arguments.of("a: 1\n---\nb: 2\n", 2, 1,
                        "expected end of input but got '---' (multiple documents are not supported)"),
                Arguments.of("%TAG ! tag:x\n---\na: 1\n", 1, 1, "expected %YAML 1.2 but got %TAG ! tag:x"),
                Arguments.of("%YAML 1.1\n---\n", 1, 1, "expected %YAML 1.2 but got %YAML 1.1"),
                Arguments.of("a:\n\tb: 1\n", 2, 1, "expected spaces for indentation but got U+0009"),
                Arguments.of("[a]: 1\n", 1, 4, "expected end of line but got ':'"),
                Arguments.of("a:\n  {b: 1}: 2\n", 2, 9, "expected end of line but got ':'"),
                Arguments.of("a: [1, 2\n", 1, 9, "expected ',' or ']' but got end of line"),
                Arguments.of("a: 'x\n  y'\n", 1, 6, "expected a closing \"'\" on the same line but got end of line"),
                Arguments.of("a: b\n  c\n", 2, 3, "expected indentation 0 but got indentation 2"),
                Arguments.of("a: b: c\n", 1, 5, "expected end of line but got ':'"),
                Arguments.of("- a\nb: 1\n", 2, 1, "expected end of document but got 'b'"),
                Arguments.of("a: 1\n- b\n", 2, 1, "expected a scalar but got '-'"),
                Arguments.of("a: \"\\q\"\n", 1, 6, "expected an escape character but got 'q'"),
                Arguments.of("a: \"\\ud800\"\n", 1, 7, "expected a Unicode scalar value but got D800"),
                Arguments.of("a: .inf\n", 1, 4, "expected a finite number but got .inf"),
                Arguments.of("a: |2\n  x\n", 1, 5, "expected '-', '+' or end of line after the block scalar indicator"
                        + " (indentation indicators are not supported) but got '2'"),
                Arguments.of("a: \"x\"#c\n", 1, 7, "expected end of line but got '#'"),
                Arguments.of("a: 1\u0007\n", 1, 5, "expected a printable character but got U+0007"),
                Arguments.of("a: 1\rb: 2\n", 1, 5, "expected a printable character but got U+000D"),
                Arguments.of("a: @x\n", 1, 4, "expected a scalar but got '@'"),
                Arguments.of("a: 1\n...\nb: 2\n", 3, 1, "expected end of document but got 'b'"),
                Arguments.of("[".repeat(65) + "\n", 1, 65, "expected at most 64 nested collections but got more"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void parse_rejectedConstruct_failsAtLocation(String yaml, int line, int column, String detail) {
        YamlParseException e = failure(yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(e).hasMessage("line " + line + ", column " + column + ": " + detail);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
    }

    @Test
    void parse_malformedUtf8_failsAtFirstBadByte() {
        byte[] yaml = {'a', ':', ' ', (byte) 0xC3, '\n'};
        assertThat(failure(yaml)).hasMessage("line 1, column 4: expected a well-formed UTF-8 sequence but got byte 0xC3");
    }

    @Test
    void parse_blockNestingOverLimit_failsWithoutStackOverflow() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            yaml.append(" ".repeat(i)).append("k:\n");
        }
        YamlParseException e = failure(yaml.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(e).hasMessage("line 65, column 65: expected at most 64 nested collections but got more");
    }

    @Test
    void parse_inputOverLimit_fails() {
        assertThat(failure(new byte[Yaml.MAX_INPUT_BYTES + 1]))
                .hasMessage("line 1, column 1: expected at most 4194304 bytes but got 4194305");
    }

    private static YamlParseException failure(byte[] yaml) {
        return catchThrowableOfType(YamlParseException.class, () -> Yaml.parse(yaml));
    }
}
