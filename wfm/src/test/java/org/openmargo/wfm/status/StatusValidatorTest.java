package org.openmargo.wfm.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

class StatusValidatorTest {
    private static final String ID = "a3e2f5dc-912e-494f-8395-52cf3769bc06";

    private static final String VALID = """
            {"deploymentId":"a3e2f5dc-912e-494f-8395-52cf3769bc06","deviceId":"gw1/devA",
             "adoptedManifestVersion":7,
             "status":{"state":"installing","error":{"code":"","source":"","message":""}},
             "components":[{"name":"database-services","state":"installed"},
                           {"name":"digitron-orchestrator","state":"installing"}]}
            """;

    @Test
    void validate_validReport_returnsFactsAndExactBytes() {
        byte[] body = VALID.getBytes(UTF_8);

        StatusReport r = StatusValidator.validate(ID, body);

        assertThat(r.deploymentId()).isEqualTo(ID);
        assertThat(r.deviceId()).contains("gw1/devA");
        assertThat(r.adoptedManifestVersion()).isEqualTo(7L);
        assertThat(r.state()).isEqualTo(DeploymentState.INSTALLING);
        assertThat(r.components()).containsExactly(
                new StatusReport.ComponentStatus("database-services", DeploymentState.INSTALLED),
                new StatusReport.ComponentStatus("digitron-orchestrator", DeploymentState.INSTALLING));
        assertThat(r.json()).isSameAs(body);
    }

    @Test
    void validate_noDeviceIdNoErrorAndUnknownMembers_accepted() {
        String body = """
                {"deploymentId":"a3e2f5dc-912e-494f-8395-52cf3769bc06","adoptedManifestVersion":1,"extra":[1],
                 "status":{"state":"removed","note":"x"},"components":[{"name":"c","state":"removed","x":1}]}
                """;

        StatusReport r = StatusValidator.validate(ID, body.getBytes(UTF_8));

        assertThat(r.deviceId()).isEmpty();
        assertThat(r.state()).isEqualTo(DeploymentState.REMOVED);
    }

    @Test
    void validate_maxUnsignedVersionAsString_accepted() {
        String body = VALID.replace("\"adoptedManifestVersion\":7", "\"adoptedManifestVersion\":\"18446744073709551615\"");

        assertThat(Long.toUnsignedString(StatusValidator.validate(ID, body.getBytes(UTF_8)).adoptedManifestVersion()))
                .isEqualTo("18446744073709551615");
    }

    @Test
    void validate_maxUnsignedVersionAsNumber_accepted() {
        String body = VALID.replace("\"adoptedManifestVersion\":7", "\"adoptedManifestVersion\":18446744073709551615");

        assertThat(StatusValidator.validate(ID, body.getBytes(UTF_8)).adoptedManifestVersion()).isEqualTo(-1L);
    }

    @Test
    void validate_versionOutOfRangeOrNotInteger_semanticErrorOnVersion() {
        for (String version : List.of("18446744073709551616", "\"18446744073709551616\"", "0", "\"0\"", "-1",
                "1.0", "1e0", "1E2", "\"1.5\"", "\"+1\"", "\"01\"", "\" 1\"", "\"\"", "true", "null", "[1]")) {
            String body = VALID.replace("\"adoptedManifestVersion\":7", "\"adoptedManifestVersion\":" + version);

            assertThat(fields(body)).as(version).containsExactly("adoptedManifestVersion");
        }
    }

    @Test
    void validate_deploymentIdDiffersFromPath_semanticError() {
        assertThat(errors("b3e2f5dc-912e-494f-8395-52cf3769bc06", VALID)).containsExactly(
                new FieldError("deploymentId", "must equal the deployment id in the request path"));
    }

    @Test
    void validate_overallStateNotMostSevere_semanticError() {
        String body = VALID.replace("\"state\":\"installing\",\"error\"", "\"state\":\"installed\",\"error\"");

        assertThat(errors(ID, body)).containsExactly(
                new FieldError("status.state", "must be the most severe component state, installing"));
    }

    @Test
    void validate_failedComponent_overallMustBeFailed() {
        String body = VALID.replace("\"state\":\"installed\"}", "\"state\":\"failed\"}");

        assertThat(errors(ID, body)).containsExactly(
                new FieldError("status.state", "must be the most severe component state, failed"));
        assertThat(StatusValidator.validate(ID, body.replace("\"state\":\"installing\",\"error\"",
                "\"state\":\"failed\",\"error\"").getBytes(UTF_8)).state()).isEqualTo(DeploymentState.FAILED);
    }

    @Test
    void validate_pendingAndInstalled_pendingIsMoreSevere() {
        String body = VALID.replace("\"state\":\"installing\",\"error\"", "\"state\":\"pending\",\"error\"")
                .replace("\"state\":\"installing\"}", "\"state\":\"pending\"}");

        assertThat(StatusValidator.validate(ID, body.getBytes(UTF_8)).state()).isEqualTo(DeploymentState.PENDING);
    }

    @Test
    void validate_unknownOrUppercaseStates_reportsEachPath() {
        String body = VALID.replace("\"state\":\"installing\",\"error\"", "\"state\":\"Installing\",\"error\"")
                .replace("\"state\":\"installed\"}", "\"state\":\"running\"}");

        assertThat(fields(body)).containsExactly("status.state", "components[0].state");
    }

    @Test
    void validate_missingRequiredMembers_reportsEach() {
        assertThat(fields("{}")).containsExactly("deploymentId", "adoptedManifestVersion", "status", "components");
        assertThat(fields("{\"deploymentId\":\"" + ID + "\",\"adoptedManifestVersion\":1,\"status\":{},"
                + "\"components\":[{}]}")).containsExactly("status.state", "components[0].name",
                "components[0].state");
    }

    @Test
    void validate_emptyComponents_semanticError() {
        String body = VALID.replace("\n", "").replaceAll("\"components\":\\[.*]}", "\"components\":[]}");

        assertThat(errors(ID, body)).containsExactly(new FieldError("components", "must have at least one element"));
    }

    @Test
    void validate_duplicateComponentNames_semanticError() {
        String body = VALID.replace("digitron-orchestrator", "database-services");

        assertThat(errors(ID, body)).containsExactly(
                new FieldError("components[1].name", "must be unique; another component has this name"));
    }

    @Test
    void validate_errorMembersNotStrings_reportsEachPath() {
        String body = VALID.replace("{\"code\":\"\",\"source\":\"\",\"message\":\"\"}",
                "{\"code\":101,\"source\":null,\"message\":\"x\"}")
                .replace("\"state\":\"installed\"}", "\"state\":\"installed\",\"error\":\"boom\"}");

        assertThat(fields(body)).containsExactly("status.error.code", "status.error.source", "components[0].error");
    }

    @Test
    void validate_deviceIdWithAsteriskOrNotString_semanticError() {
        assertThat(fields(VALID.replace("\"gw1/devA\"", "\"gw1/*\""))).containsExactly("deviceId");
        assertThat(fields(VALID.replace("\"gw1/devA\"", "42"))).containsExactly("deviceId");
    }

    @Test
    void validate_deploymentIdAsNumber_semanticError() {
        assertThat(errors("12", VALID.replace("\"" + ID + "\"", "12")))
                .containsExactly(new FieldError("deploymentId", "must be a string"));
    }

    @Test
    void validate_malformedBodies_invalidRequest() {
        for (String body : List.of("", "null", "[" + VALID + "]", VALID + VALID, VALID.replace("\"status\"",
                "\"deploymentId\":\"x\",\"status\""))) {
            ProblemException e = catchThrowableOfType(ProblemException.class,
                    () -> StatusValidator.validate(ID, body.getBytes(UTF_8)));
            assertThat(e.type()).as(body).isEqualTo(ProblemType.INVALID_REQUEST);
        }
    }

    @Test
    void validate_tooLarge_invalidRequest() {
        byte[] big = (VALID.substring(0, VALID.length() - 2) + ",\"pad\":[" + "\"aaaaaaaaaa\",".repeat(6000)
                + "1]}").getBytes(UTF_8);

        assertThat(catchThrowableOfType(ProblemException.class, () -> StatusValidator.validate(ID, big)).detail())
                .isEqualTo("the body is larger than 65536 bytes");
    }

    private static List<FieldError> errors(String path, String body) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> StatusValidator.validate(path, body.getBytes(UTF_8)));
        assertThat(e).as("expected a problem for %s", body).isNotNull();
        assertThat(e.type()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        return e.errors();
    }

    private static List<String> fields(String body) {
        return errors(ID, body).stream().map(FieldError::field).toList();
    }
}
