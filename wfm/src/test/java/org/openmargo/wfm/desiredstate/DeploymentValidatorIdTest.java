package org.openmargo.wfm.desiredstate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

class DeploymentValidatorIdTest {
    private static final UUID ID = UUID.fromString("0b7f0e2c-55a4-4f0e-9d6b-2f5d8f1e3a10");
    private static final String WITHOUT_ID = Documents.COMPOSE.substring(Documents.COMPOSE.indexOf('\n') + 1);

    @Test
    void withIdIfMissing_idPresent_returnsSameArray() {
        byte[] yaml = Documents.COMPOSE.getBytes(UTF_8);

        assertThat(DeploymentValidator.withIdIfMissing(yaml, ID)).isSameAs(yaml);
    }

    @Test
    void withIdIfMissing_noId_insertsFirstLineAndValidates() {
        byte[] result = DeploymentValidator.withIdIfMissing(WITHOUT_ID.getBytes(UTF_8), ID);

        assertThat(new String(result, UTF_8)).isEqualTo("id: " + ID + "\n" + WITHOUT_ID);
        assertThat(DeploymentValidator.validate(result).id()).isEqualTo(ID.toString());
    }

    @Test
    void withIdIfMissing_leadingDirectiveMarkerAndComments_insertsAfterThem() {
        String head = "%YAML 1.2\n---   # the deployment\n\n# generated\n";

        byte[] result = DeploymentValidator.withIdIfMissing((head + WITHOUT_ID).getBytes(UTF_8), ID);

        assertThat(new String(result, UTF_8)).isEqualTo(head + "id: " + ID + "\n" + WITHOUT_ID);
        assertThat(DeploymentValidator.validate(result).id()).isEqualTo(ID.toString());
    }

    @Test
    void withIdIfMissing_crlfAndNonAsciiText_keepsEveryOtherByte() {
        String crlf = "# caf\u00e9\r\n" + WITHOUT_ID.replace("\n", "\r\n").replace("margo-poc", "margo-poc # \u00fc");
        byte[] input = crlf.getBytes(UTF_8);

        byte[] result = DeploymentValidator.withIdIfMissing(input, ID);

        byte[] inserted = ("id: " + ID + "\r\n").getBytes(UTF_8);
        int at = "# caf\u00e9\r\n".getBytes(UTF_8).length;
        assertThat(java.util.Arrays.copyOfRange(result, 0, at)).isEqualTo(java.util.Arrays.copyOfRange(input, 0, at));
        assertThat(java.util.Arrays.copyOfRange(result, at, at + inserted.length)).isEqualTo(inserted);
        assertThat(java.util.Arrays.copyOfRange(result, at + inserted.length, result.length))
                .isEqualTo(java.util.Arrays.copyOfRange(input, at, input.length));
        assertThat(DeploymentValidator.validate(result).id()).isEqualTo(ID.toString());
    }

    @Test
    void withIdIfMissing_indentedRootMapping_copiesIndentation() {
        String indented = WITHOUT_ID.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");

        byte[] result = DeploymentValidator.withIdIfMissing(indented.getBytes(UTF_8), ID);

        assertThat(new String(result, UTF_8)).startsWith("  id: " + ID + "\n  metadata:");
        assertThat(DeploymentValidator.validate(result).id()).isEqualTo(ID.toString());
    }

    @Test
    void withIdIfMissing_flowMappingRoot_invalidRequest() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> DeploymentValidator.withIdIfMissing("{metadata: {name: a}}".getBytes(UTF_8), ID));

        assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(e.detail()).isEqualTo("an id line cannot be added to this document's layout; add a top-level id "
                + "yourself");
    }

    @Test
    void withIdIfMissing_unparsableDocument_invalidRequest() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> DeploymentValidator.withIdIfMissing("a: [\n".getBytes(UTF_8), ID));

        assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
    }

    @Test
    void withIdIfMissing_nestedIdOnly_stillInsertsTopLevelId() {
        String yaml = WITHOUT_ID.replace("metadata:\n", "metadata:\n  id: not-the-top-level\n");

        byte[] result = DeploymentValidator.withIdIfMissing(yaml.getBytes(UTF_8), ID);

        assertThat(DeploymentValidator.validate(result).id()).isEqualTo(ID.toString());
    }
}
