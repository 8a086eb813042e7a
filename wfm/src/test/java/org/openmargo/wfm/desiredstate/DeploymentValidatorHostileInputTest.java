package org.openmargo.wfm.desiredstate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

class DeploymentValidatorHostileInputTest {

    @Test
    void validate_billionLaughs_invalidRequest() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append("]\n");
        }

        assertThat(invalid(yaml.toString()))
                .startsWith("the document is not valid YAML: Number of aliases for non-scalar nodes exceeds");
    }

    @Test
    void validate_manyNodesWithinByteLimit_invalidRequest() {
        String list = "[" + "x,".repeat(999) + "x]\n";
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            yaml.append("k").append(i).append(": ").append(list);
        }

        assertThat(invalid(yaml.toString())).isEqualTo("the document expands to more than 50000 nodes");
    }

    @Test
    void validate_recursiveAlias_invalidRequestWithoutStackOverflow() {
        assertThat(problem("a: &a [*a]\n").type()).isEqualTo(ProblemType.INVALID_REQUEST);
    }

    @Test
    void validate_duplicateKey_invalidRequestWithLocation() {
        assertThat(invalid("id: x\nmetadata: {}\nid: y\n")).isEqualTo("duplicate key \"id\" (line 3, column 1)");
    }

    @Test
    void validate_deepNesting_invalidRequest() {
        assertThat(invalid("a: " + "[".repeat(200) + "]".repeat(200) + "\n")).startsWith("the document is not valid "
                + "YAML: Nesting Depth exceeded max 32");
    }

    @Test
    void validate_tooLarge_invalidRequest() {
        byte[] yaml = new byte[YamlBody.MAX_BYTES + 1];

        assertThat(catchThrowableOfType(ProblemException.class, () -> DeploymentValidator.validate(yaml)).detail())
                .isEqualTo("the document is larger than 524288 bytes");
    }

    @Test
    void validate_notUtf8_invalidRequest() {
        byte[] yaml = "metadata:\n  name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(catchThrowableOfType(ProblemException.class, () -> DeploymentValidator.validate(yaml)).detail())
                .isEqualTo("the document is not valid UTF-8");
    }

    @Test
    void validate_javaAndCustomTags_invalidRequest() {
        assertThat(invalid("a: !!javax.script.ScriptEngineManager [!!java.net.URL [\"http://x\"]]\n"))
                .startsWith("the document is not valid YAML: Global tag is not allowed");
        assertThat(invalid("a: !foo bar\n")).startsWith("the scalar is not a string");
        assertThat(invalid("a: !!binary aGVsbG8=\n")).startsWith("the scalar is not a string");
        assertThat(invalid("a: !!set {x, y}\n")).startsWith("the tag tag:yaml.org,2002:set is not supported");
    }

    @Test
    void validate_nonStringKeysAndNonFiniteNumbers_invalidRequest() {
        assertThat(invalid("1: x\n")).startsWith("mapping keys must be strings");
        assertThat(invalid("? [a]\n: x\n")).startsWith("mapping keys must be strings");
        assertThat(invalid("a: .inf\n")).startsWith("the scalar is not a string");
    }

    @Test
    void validate_notASingleMapping_invalidRequest() {
        for (String yaml : List.of("", "# only a comment\n", "- a\n", "just text\n", "a: 1\n---\nb: 2\n",
                "a: [unclosed\n", "a: \"\\0\"\n", "a: \"\\ud800\"\n", "\uFEFFa: 1\n", "a:\tb:\n")) {
            assertThat(problem(yaml).type()).as(yaml).isEqualTo(ProblemType.INVALID_REQUEST);
        }
    }

    @Test
    void validate_syntaxError_detailHasProblemAndLocationOnly() {
        assertThat(invalid("a: b\n c: d\n"))
                .isEqualTo("the document is not valid YAML: mapping values are not allowed here (line 2, column 3)");
    }

    @Test
    void validate_longSequence_invalidRequest() {
        assertThat(invalid("a: [" + "1,".repeat(YamlBody.MAX_COLLECTION_SIZE) + "1]\n"))
                .isEqualTo("a sequence has more than 1024 entries (line 1, column 4)");
    }

    @Test
    void validate_mergeKey_isAPlainKey() {
        String yaml = Documents.COMPOSE.replace("  namespace: margo-poc", "  <<: {namespace: margo-poc}");

        assertThat(DeploymentValidatorTest.errors(yaml)).extracting(e -> e.field())
                .containsExactly("metadata.namespace");
    }

    private static ProblemException problem(String yaml) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> DeploymentValidator.validate(yaml.getBytes(UTF_8)));
        assertThat(e).as("expected a problem for %s", yaml).isNotNull();
        return e;
    }

    private static String invalid(String yaml) {
        ProblemException e = problem(yaml);
        assertThat(e.type()).as(e.detail()).isEqualTo(ProblemType.INVALID_REQUEST);
        return e.detail();
    }
}
