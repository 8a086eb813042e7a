package org.openmargo.wfm.device;

import org.openmargo.wfm.json.JsonBody;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

class CapabilitiesValidatorTest {
    private static final String ID = "northstarida.xtapro.k8s.edge";

    /** The rc.3 example of spec section e. */
    private static final String RC3_EXAMPLE = """
            {"properties":{"id":"northstarida.xtapro.k8s.edge","vendor":"Northstar Industrial Devices",
             "modelNumber":"332ANZE1-N1","serialNumber":"PF45343-AA","cpus":[{"cores":24,"architecture":"amd64"}],
             "memory":"59 Gi","storage":"1862 Gi","peripherals":[{"type":"gpu","manufacturer":"NVIDIA"}],
             "interfaces":[{"type":"ethernet"},{"type":"wifi"}],"otelCollector":true,"supportedRuntimes":["oci"],
             "supportedDeploymentTypes":["helm","compose"]},
             "labels":{"example.com/hyper-v.host":true}}
            """;

    private static final String GATEWAY = """
            {"properties":{"id":"gw1","vendor":"V","modelNumber":"M","serialNumber":"S"}}
            """;

    @Test
    void validate_rc3Example_acceptsHostingDeviceWithExactBytes() {
        byte[] body = RC3_EXAMPLE.getBytes(UTF_8);

        Capabilities c = CapabilitiesValidator.validate(ID, body);

        assertThat(c.deviceId()).isEqualTo(ID);
        assertThat(c.hosting()).isTrue();
        assertThat(c.json()).isSameAs(body);
    }

    @Test
    void validate_seeThruGatewayWithIdentityOnly_acceptsNonHosting() {
        Capabilities c = CapabilitiesValidator.validate("gw1", GATEWAY.getBytes(UTF_8));

        assertThat(c.hosting()).isFalse();
    }

    @Test
    void validate_childDeviceBehindGateway_accepts() {
        String body = GATEWAY.replace("\"gw1\"", "\"gw1/devA\"");

        assertThat(CapabilitiesValidator.validate("gw1/devA", body.getBytes(UTF_8)).parentId()).contains("gw1");
    }

    @Test
    void validate_apiVersionKindAndExtensions_acceptedAndIgnored() {
        String body = RC3_EXAMPLE.replaceFirst("\\{", """
                {"apiVersion":"device.margo.org/v1alpha1","kind":"DeviceCapabilitiesManifest",
                 "x-acme-extensions":{"anything":[1,2]},""");

        assertThat(CapabilitiesValidator.validate(ID, body.getBytes(UTF_8)).hosting()).isTrue();
    }

    @Test
    void validate_unknownMemberInProperties_accepted() {
        String body = RC3_EXAMPLE.replace("\"vendor\"", "\"firmware\":\"1.2\",\"vendor\"");

        assertThat(CapabilitiesValidator.validate(ID, body.getBytes(UTF_8)).hosting()).isTrue();
    }

    @Test
    void validate_unknownRuntimeAndDeploymentType_accepted() {
        String body = RC3_EXAMPLE.replace("[\"oci\"]", "[\"wasm\"]").replace("\"compose\"]", "\"nomad\"]");

        assertThat(CapabilitiesValidator.validate(ID, body.getBytes(UTF_8)).hosting()).isTrue();
    }

    @Test
    void validate_decimalCoresAndUnspacedUnits_accepted() {
        String body = RC3_EXAMPLE.replace("\"cores\":24", "\"cores\":0.5").replace("\"59 Gi\"", "\"512Mi\"")
                .replace("\"1862 Gi\"", "\"1.5Ti\"");

        assertThat(CapabilitiesValidator.validate(ID, body.getBytes(UTF_8)).hosting()).isTrue();
    }

    @Test
    void validate_labelValuesOfEveryAllowedType_accepted() {
        String body = RC3_EXAMPLE.replace("{\"example.com/hyper-v.host\":true}",
                "{\"a\":\"x\",\"b\":1.5,\"c\":false,\"d\":[\"x\",\"y\"],\"e\":[1,2],\"f\":[]}");

        assertThat(CapabilitiesValidator.validate(ID, body.getBytes(UTF_8)).hosting()).isTrue();
    }

    @Test
    void validate_idDiffersFromPath_semanticErrorOnPropertiesId() {
        assertThat(errors("other-device", RC3_EXAMPLE))
                .containsExactly(new FieldError("properties.id", "must equal the device id in the request path"));
    }

    @Test
    void validate_missingIdentityFields_reportsEachRequiredField() {
        assertThat(fields(ID, "{\"properties\":{}}"))
                .containsExactly("properties.id", "properties.vendor", "properties.modelNumber",
                        "properties.serialNumber");
    }

    @Test
    void validate_missingProperties_semanticError() {
        assertThat(errors(ID, "{\"labels\":{}}")).containsExactly(new FieldError("properties", "is required"));
    }

    @Test
    void validate_blankVendorAndNumericSerial_reportsBoth() {
        String body = GATEWAY.replace("\"V\"", "\"  \"").replace("\"S\"", "12");

        assertThat(errors("gw1", body)).containsExactly(
                new FieldError("properties.vendor", "must not be blank"),
                new FieldError("properties.serialNumber", "must be a string"));
    }

    @Test
    void validate_idNotADeviceId_semanticError() {
        String body = GATEWAY.replace("\"gw1\"", "\"gw 1\"");

        assertThat(fields("gw1", body)).containsExactly("properties.id");
    }

    @Test
    void validate_pathNotADeviceId_invalidRequest() {
        assertThat(problem("gw1/*", GATEWAY).type()).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(problem("gw1//x", GATEWAY).type()).isEqualTo(ProblemType.INVALID_REQUEST);
    }

    @Test
    void validate_onlySomeHostingFields_reportsEveryMissingOne() {
        String body = GATEWAY.replace("\"S\"", "\"S\",\"cpus\":[{\"cores\":1}]");

        assertThat(fields("gw1", body)).containsExactly("properties.memory", "properties.storage",
                "properties.peripherals", "properties.interfaces", "properties.otelCollector",
                "properties.supportedRuntimes", "properties.supportedDeploymentTypes");
    }

    @Test
    void validate_otelCollectorFalse_accepted() {
        String body = RC3_EXAMPLE.replace("\"otelCollector\":true", "\"otelCollector\":false");

        Capabilities accepted = CapabilitiesValidator.validate(ID, body.getBytes(UTF_8));

        assertThat(accepted.hosting()).isTrue();
        assertThat(HostingSupport.of(accepted.json())).map(HostingSupport::otelCollector).contains(false);
    }

    @Test
    void validate_otelCollectorNotABoolean_semanticError() {
        String body = RC3_EXAMPLE.replace("\"otelCollector\":true", "\"otelCollector\":\"yes\"");

        assertThat(errors(ID, body)).containsExactly(new FieldError("properties.otelCollector", "must be a boolean"));
    }

    @Test
    void hostingSupport_unknownRuntimesAndDeploymentTypes_mappedToCustomOnce() {
        String body = RC3_EXAMPLE.replace("\"supportedRuntimes\":[\"oci\"]",
                        "\"supportedRuntimes\":[\"wasm\",\"oci\",\"OCI\"]")
                .replaceFirst("\"supportedDeploymentTypes\":\\[[^\\]]*\\]",
                        "\"supportedDeploymentTypes\":[\"kustomize\",\"helm\",\"nomad\"]");

        Capabilities accepted = CapabilitiesValidator.validate(ID, body.getBytes(UTF_8));

        assertThat(HostingSupport.of(accepted.json())).contains(new HostingSupport(true,
                List.of("custom", "oci"), List.of("custom", "helm")));
        assertThat(new String(accepted.json(), UTF_8)).contains("\"wasm\"", "\"kustomize\"");
    }

    @Test
    void validate_unknownEnumValues_reportsEachPath() {
        String body = RC3_EXAMPLE.replace("\"amd64\"", "\"x86_64\"").replace("\"gpu\"", "\"npu\"")
                .replace("\"wifi\"", "\"lora\"");

        assertThat(fields(ID, body)).containsExactly("properties.cpus[0].architecture",
                "properties.peripherals[0].type", "properties.interfaces[1].type");
    }

    @Test
    void validate_coresAsStringZeroOrMissing_reportsEach() {
        String body = RC3_EXAMPLE.replace("[{\"cores\":24,\"architecture\":\"amd64\"}]",
                "[{\"cores\":\"24\"},{\"cores\":0},{\"architecture\":\"arm\"},7]");

        assertThat(errors(ID, body)).containsExactly(
                new FieldError("properties.cpus[0].cores", "must be a number"),
                new FieldError("properties.cpus[1].cores", "must be greater than 0"),
                new FieldError("properties.cpus[2].cores", "is required"),
                new FieldError("properties.cpus[3]", "must be an object"));
    }

    @Test
    void validate_emptyCpusAndEmptyRuntimes_semanticError() {
        String body = RC3_EXAMPLE.replace("[{\"cores\":24,\"architecture\":\"amd64\"}]", "[]")
                .replace("[\"oci\"]", "[]").replace("[\"helm\",\"compose\"]", "[\"helm\",3]");

        assertThat(fields(ID, body)).containsExactly("properties.cpus", "properties.supportedRuntimes",
                "properties.supportedDeploymentTypes[1]");
    }

    @Test
    void validate_memoryAsBytesOrBadUnit_semanticError() {
        String body = RC3_EXAMPLE.replace("\"59 Gi\"", "\"63350000000\"").replace("\"1862 Gi\"", "\"1862 GB\"");

        assertThat(fields(ID, body)).containsExactly("properties.memory", "properties.storage");
    }

    @Test
    void validate_unknownRootMemberAndNonObjectExtension_semanticError() {
        String body = GATEWAY.replaceFirst("\\{", "{\"roles\":[],\"x-acme-extensions\":1,\"x-Bad-extensions\":{},");

        assertThat(errors("gw1", body)).containsExactly(
                new FieldError("roles", "is not allowed here"),
                new FieldError("x-acme-extensions", "must be an object"),
                new FieldError("x-Bad-extensions", "is not allowed here"));
    }

    @Test
    void validate_badLabelValues_reportsBracketedPaths() {
        String body = GATEWAY.replace("}}", "},\"labels\":{\"example.com/mixed\":[1,\"a\"],\"o\":{},\"n\":null}}");

        assertThat(fields("gw1", body)).containsExactly("labels[\"example.com/mixed\"]", "labels.o", "labels.n");
    }

    @Test
    void validate_gen1Shape_rejectedWithEveryBrokenRule() {
        String body = """
                {"apiVersion":"device.margo.org/v1alpha1","kind":"DeviceCapabilitiesManifest",
                 "properties":{"id":"d1","vendor":"V","modelNumber":"M","serialNumber":"S",
                 "roles":["Standalone Device"],"resources":{"cpu":{"cores":2}}}}
                """;

        // Gen A nested everything under resources: rc.3 ignores unknown members of properties, so this reads as a
        // non-hosting device; that is the schema's answer, and the WFM then places nothing on it.
        assertThat(CapabilitiesValidator.validate("d1", body.getBytes(UTF_8)).hosting()).isFalse();
    }

    @Test
    void validate_malformedBodies_invalidRequest() {
        for (String body : List.of("", "[]", "\"x\"", "{", "{\"properties\":{}} {}", "{'a':1}",
                "{\"properties\":{},\"properties\":{}}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}",
                "\uFEFF{}")) {
            assertThat(problem(ID, body).type()).as(body).isEqualTo(ProblemType.INVALID_REQUEST);
        }
    }

    @Test
    void validate_duplicateKey_detailNamesIt() {
        assertThat(problem("gw1", "{\"properties\":{\"id\":\"gw1\",\"id\":\"gw2\"}}").detail())
                .isEqualTo("duplicate member name \"id\"");
    }

    @Test
    void validate_syntaxError_detailHasLocationAndNoParserText() {
        assertThat(problem(ID, "{\n  \"a\": tru }").detail()).isEqualTo("the body is not valid JSON (line 2, column 11)");
    }

    @Test
    void validate_notUtf8_invalidRequest() {
        byte[] latin1 = GATEWAY.replace("\"V\"", "\"Vé\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> CapabilitiesValidator.validate("gw1", latin1));

        assertThat(e.detail()).isEqualTo("the body is not valid UTF-8");
    }

    @Test
    void validate_overlongUtf8_invalidRequest() {
        byte[] body = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};

        assertThat(catchThrowableOfType(ProblemException.class, () -> CapabilitiesValidator.validate("gw1", body))
                .type()).isEqualTo(ProblemType.INVALID_REQUEST);
    }

    @Test
    void validate_tooLarge_invalidRequestBeforeParsing() {
        byte[] body = new byte[CapabilitiesValidator.MAX_BYTES + 1];

        assertThat(catchThrowableOfType(ProblemException.class, () -> CapabilitiesValidator.validate("gw1", body))
                .detail()).isEqualTo("the body is larger than 262144 bytes");
    }

    @Test
    void validate_deepNesting_invalidRequest() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        assertThat(problem("gw1", "{\"x-a-extensions\":{\"v\":" + deep + "}}").detail())
                .isEqualTo("the body nests deeper than 32 levels");
    }

    @Test
    void validate_longArrayOrString_invalidRequest() {
        String array = "[" + "1,".repeat(JsonBody.MAX_ARRAY_LENGTH) + "1]";
        String string = "\"" + "a".repeat(JsonBody.MAX_STRING_LENGTH + 1) + "\"";

        assertThat(problem("gw1", "{\"labels\":{\"a\":" + array + "}}").detail())
                .isEqualTo("an array has more than 1024 elements");
        assertThat(problem("gw1", "{\"labels\":{\"a\":" + string + "}}").detail())
                .isEqualTo("a string is longer than 8192 characters");
    }

    @Test
    void validate_semanticError_detailCountsRules() {
        assertThat(problem(ID, "{\"properties\":{}}").detail()).isEqualTo("the device capabilities break 4 rules");
    }

    private static ProblemException problem(String path, String body) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> CapabilitiesValidator.validate(path, body.getBytes(UTF_8)));
        assertThat(e).as("expected a problem for %s", body).isNotNull();
        return e;
    }

    private static List<FieldError> errors(String path, String body) {
        ProblemException e = problem(path, body);
        assertThat(e.type()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        return e.errors();
    }

    private static List<String> fields(String path, String body) {
        return errors(path, body).stream().map(FieldError::field).toList();
    }
}
