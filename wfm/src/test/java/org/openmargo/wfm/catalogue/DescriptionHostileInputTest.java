package org.openmargo.wfm.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** Hostile description documents are refused with a 400 problem, fast, never with another exception. */
class DescriptionHostileInputTest {

    static Stream<Arguments> hostile() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        String deep = "id: x\nmetadata: " + "[".repeat(200) + "]".repeat(200) + "\n";
        byte[] latin1 = Descriptions.DIGITRON.replace("Digitron orchestrator\n", "Düsseldorf\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String big = Descriptions.DIGITRON + "# " + "x".repeat(600 * 1024) + "\n";
        return Stream.of(
                Arguments.of("billion laughs", bomb.toString().getBytes(UTF_8), "not valid YAML"),
                Arguments.of("deep nesting", deep.getBytes(UTF_8), "not valid YAML"),
                Arguments.of("Latin-1 bytes", latin1, "not valid UTF-8"),
                Arguments.of("duplicate keys", Descriptions.DIGITRON.replace("kind: ApplicationDescription\n",
                        "kind: ApplicationDescription\nkind: ApplicationDescription\n").getBytes(UTF_8),
                        "duplicate key"),
                Arguments.of("larger than 512 KiB", big.getBytes(UTF_8), "larger than"),
                Arguments.of("a Java type tag", ("id: !!java.net.URL [http://x]\n").getBytes(UTF_8),
                        "Global tag is not allowed"),
                Arguments.of("a sequence at the root", "- a\n- b\n".getBytes(UTF_8), "must be a YAML mapping"),
                Arguments.of("empty", new byte[0], "must be a YAML mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void read_hostileDocument_invalidRequest(String attack, byte[] yaml, String detail) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> DescriptionReader.read(yaml));

        assertThat(e).as(attack).isNotNull();
        assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(e.detail()).contains(detail);
    }
}
