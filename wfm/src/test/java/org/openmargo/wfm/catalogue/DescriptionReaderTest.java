package org.openmargo.wfm.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openmargo.wfm.catalogue.Descriptions.digitronWith;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** Every rule of Margo rc.3 f.2 an ApplicationDescription must meet, each with the field it names. */
class DescriptionReaderTest {
    private static final String HELM = "deploymentProfiles[0]";
    private static final String C0 = HELM + ".components[0]";
    private static final String RULE0 = HELM + ".deviceConstraints.eligibilityRules[0]";
    private static final String EXPR0 = RULE0 + ".propertySelector.matchExpressions[0]";
    private static final String VENDOR_IN = """
                          - key: /vendor
                            operator: In
                            values: [Northstar, Acme]
            """;

    @Test
    void read_validDescription_returnsProfilesParametersAndSettingsInOrder() {
        Description d = Descriptions.read(Descriptions.DIGITRON);

        assertThat(d.app()).isEqualTo(new AppVersion("com-northstar-digitron", "1.2.1"));
        assertThat(d.name()).isEqualTo("Digitron orchestrator");
        assertThat(d.profiles()).extracting(Description.Profile::id).containsExactly("digitron-helm",
                "digitron-compose");
        assertThat(d.profiles().get(0).componentNames()).containsExactly("database-services",
                "digitron-orchestrator");
        assertThat(d.profiles().get(0).extensions()).containsOnlyKeys("x-northstar-extensions");
        assertThat(d.profiles().get(1).deviceConstraints()).isEmpty();
        assertThat(d.parameters()).containsOnlyKeys("idpName", "pollFrequency", "siteId", "cpuLimit", "logLevel");
        assertThat(d.parameters().keySet()).containsExactly("idpName", "pollFrequency", "siteId", "cpuLimit",
                "logLevel");
        assertThat(d.settings().get("idpName").immutable()).isTrue();
        assertThat(d.settings().get("logLevel").schema()).isInstanceOf(ValueSchema.Select.class);
        assertThat(d.parameters().get("siteId").defaultValue()).isEmpty();
    }

    @Test
    void read_withoutParametersAndConfiguration_accepted() {
        String yaml = Descriptions.DIGITRON.substring(0, Descriptions.DIGITRON.indexOf("parameters:\n"));

        assertThat(Descriptions.read(yaml).parameters()).isEmpty();
    }

    @Test
    void read_olderRequiredResourcesForm_accepted() {
        String yaml = Descriptions.DIGITRON;
        String cut = yaml.substring(0, yaml.indexOf("    deviceConstraints:\n")) + """
                    requiredResources:
                      cpu:
                        cores: 1.5
                        architectures: [amd64, x86_64]
                      memory: 1024Mi
                      peripherals:
                        - type: gpu
                          manufacturer: NVIDIA
                      interfaces:
                        - type: ethernet
                """ + yaml.substring(yaml.indexOf("    x-northstar-extensions:\n      helmTimeoutPolicy"));

        Description.Profile helm = Descriptions.read(cut).profiles().get(0);

        assertThat(helm.requiredResources()).isPresent();
        assertThat(helm.deviceConstraints()).isEmpty();
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("kind other than ApplicationDescription", "kind: ApplicationDescription",
                        "kind: ApplicationDeployment", "kind", "must be one of"),
                Arguments.of("apiVersion missing", "apiVersion: margo.org/v1-alpha1\n", "", "apiVersion",
                        "is required"),
                Arguments.of("id with capitals", "id: com-northstar-digitron", "id: Com-Northstar", "id",
                        "must match"),
                Arguments.of("id of 201 characters", "id: com-northstar-digitron", "id: " + "a".repeat(201), "id",
                        "must match"),
                Arguments.of("unknown root member", "x-wfm-catalogue-extensions:", "extras:",
                        "extras", "is not allowed here"),
                Arguments.of("root extension that is not an object", "x-wfm-catalogue-extensions:\n  colour: blue",
                        "x-wfm-catalogue-extensions: blue", "x-wfm-catalogue-extensions", "must be an object"),
                Arguments.of("metadata name missing", "  name: Digitron orchestrator\n", "", "metadata.name",
                        "is required"),
                Arguments.of("metadata version missing", "  version: 1.2.1\n", "", "metadata.version", "is required"),
                Arguments.of("metadata version with a slash", "  version: 1.2.1", "  version: 1.2/1",
                        "metadata.version", "must match"),
                Arguments.of("catalog missing", "  catalog:\n", "  katalog:\n", "metadata.catalog", "is required"),
                Arguments.of("organization without a name", "    - name: Northstar Industrial Applications\n"
                        + "        site:", "    - site:", "metadata.catalog.organization[0].name", "is required"),
                Arguments.of("organization list empty", """
                            organization:
                              - name: Northstar Industrial Applications
                                site: http://northstar-ida.com
                        """, "    organization: []\n", "metadata.catalog.organization",
                        "must have at least one element"),
                Arguments.of("tags not strings", "tags: [\"optimization\", \"instrumentation\"]", "tags: [1]",
                        "metadata.catalog.application.tags[0]", "must be a string"),
                Arguments.of("profile type helm.v3", "  - type: helm\n", "  - type: helm.v3\n", HELM + ".type",
                        "must be one of"),
                Arguments.of("profile id missing", "    id: digitron-helm\n", "", HELM + ".id", "is required"),
                Arguments.of("profile id twice", "id: digitron-compose", "id: digitron-helm",
                        "deploymentProfiles[1].id", "must be unique"),
                Arguments.of("unknown profile member", "    description: As Helm charts.",
                        "    notes: As Helm charts.", HELM + ".notes", "is not allowed here"),
                Arguments.of("components empty", """
                            components:
                              - name: digitron-orchestrator-docker
                                properties:
                                  repository: oci://northstarida.azurecr.io/compose/digitron
                                  revision: 1.0.9
                        """, "    components: []\n", "deploymentProfiles[1].components",
                        "must have at least one element"),
                Arguments.of("component name with capitals", "- name: database-services",
                        "- name: Database-Services", C0 + ".name", "must match"),
                Arguments.of("component name twice in a profile", "- name: digitron-orchestrator\n",
                        "- name: database-services\n", HELM + ".components[1].name", "must be unique"),
                Arguments.of("unknown component member", "        x-northstar-extensions:\n          chartValues",
                        "        packageLocation:\n          chartValues", HELM + ".components[1].packageLocation",
                        "is not allowed here"),
                Arguments.of("repository not OCI", "oci://quay.io/charts/realtime-database-services",
                        "https://quay.io/charts/realtime-database-services", C0 + ".properties.repository",
                        "must match"),
                Arguments.of("revision with a leading v", "revision: 2.3.7", "revision: v2.3.7",
                        C0 + ".properties.revision", "must match"),
                Arguments.of("revision with + instead of _", "revision: 2.3.7", "revision: 2.3.7+b1",
                        C0 + ".properties.revision", "must match"),
                Arguments.of("repository missing", "repository: oci://quay.io/charts/realtime-database-services\n"
                        + "          revision", "revision", C0 + ".properties.repository", "is required"),
                Arguments.of("wait as a string", "wait: true", "wait: \"true\"", C0 + ".properties.wait",
                        "must be a boolean"),
                Arguments.of("timeout without seconds", "timeout: 8m30s", "timeout: 8m", C0 + ".properties.timeout",
                        "must match"),
                Arguments.of("capacity memory in GB", "memory: 1024Mi", "memory: 1GB",
                        HELM + ".deviceConstraints.capacityRequirements.memory", "must match"),
                Arguments.of("capacity storage without i", "storage: 10Gi", "storage: 10G",
                        HELM + ".deviceConstraints.capacityRequirements.storage", "must match"),
                Arguments.of("capacity cores zero", "cores: 2", "cores: 0",
                        HELM + ".deviceConstraints.capacityRequirements.cpu.cores", "greater than 0"),
                Arguments.of("capacity architecture x86", "architectures: [amd64, arm64]", "architectures: [x86]",
                        HELM + ".deviceConstraints.capacityRequirements.cpu.architectures[0]", "must be one of"),
                Arguments.of("unknown operator", "operator: In", "operator: Matches", EXPR0 + ".operator",
                        "must be one of"),
                Arguments.of("In without values", "\n                values: [Northstar, Acme]", "",
                        EXPR0 + ".values", "is required"),
                Arguments.of("In with mixed value types", "values: [Northstar, Acme]", "values: [Northstar, 1]",
                        EXPR0 + ".values", "one or more strings"),
                Arguments.of("In with two booleans", "values: [Northstar, Acme]", "values: [true, false]",
                        EXPR0 + ".values", "a single boolean"),
                Arguments.of("Exists with values", "operator: In", "operator: Exists", EXPR0 + ".values",
                        "is not allowed with operator Exists"),
                Arguments.of("Gt with two numbers", VENDOR_IN, """
                                      - key: /cores
                                        operator: Gt
                                        values: [1, 2]
                        """, EXPR0 + ".values", "exactly one number"),
                Arguments.of("Lt with a string", VENDOR_IN, """
                                      - key: /cores
                                        operator: Lt
                                        values: ["2"]
                        """, EXPR0 + ".values", "exactly one number"),
                Arguments.of("ContainsAll without itemSelector", VENDOR_IN, """
                                      - key: /cpus
                                        operator: ContainsAll
                        """, EXPR0 + ".itemSelector", "is required"),
                Arguments.of("ContainsAny with values", VENDOR_IN, """
                                      - key: /cpus
                                        operator: ContainsAny
                                        values: [a]
                                        itemSelector:
                                          matchExpressions:
                                            - key: /architecture
                                              operator: Exists
                        """, EXPR0 + ".values", "is not allowed with operator ContainsAny"),
                Arguments.of("property key not a pointer", "key: /vendor", "key: vendor", EXPR0 + ".key",
                        "must match"),
                Arguments.of("both deviceConstraints and requiredResources", "    x-northstar-extensions:\n"
                        + "      helmTimeoutPolicy", "    requiredResources:\n      memory: 1Gi\n"
                        + "    x-northstar-extensions:\n      helmTimeoutPolicy", HELM + ".requiredResources",
                        "not both"),
                Arguments.of("requiredResources memory in GB", "    x-northstar-extensions:\n"
                        + "      helmTimeoutPolicy", "    requiredResources:\n      memory: 1GB\n"
                        + "    x-northstar-extensions:\n      helmTimeoutPolicy", HELM + ".requiredResources.memory",
                        "must match"),
                Arguments.of("target naming an unknown component", "components: [digitron-orchestrator]\n"
                        + "      - pointer: IDP_NAME", "components: [orchestrator]\n      - pointer: IDP_NAME",
                        "parameters.idpName.targets[0].components[0]", "must name a component"),
                Arguments.of("parameter without targets", "    targets:\n      - pointer: LOG_LEVEL\n"
                        + "        components: [digitron-orchestrator-docker]\n", "", "parameters.logLevel.targets",
                        "is required"),
                Arguments.of("target without pointer", "  - pointer: LOG_LEVEL\n        components:",
                        "  - components:", "parameters.logLevel.targets[0].pointer", "is required"),
                Arguments.of("parameter value an object", "    value: info\n", "    value: {level: info}\n",
                        "parameters.logLevel.value", "must be a string, number or boolean"),
                Arguments.of("default breaking its schema", "    value: 30\n", "    value: 10\n",
                        "parameters.pollFrequency.value", "must be at least 30"),
                Arguments.of("setting for an unknown parameter", "- parameter: pollFrequency",
                        "- parameter: pollInterval", "configuration.sections[0].settings[0].parameter",
                        "must name a parameter"),
                Arguments.of("two settings for one parameter", "- parameter: siteId", "- parameter: pollFrequency",
                        "configuration.sections[0].settings[1].parameter", "must be unique"),
                Arguments.of("setting naming an unknown schema", "schema: pollRange", "schema: pollRanges",
                        "configuration.sections[0].settings[0].schema", "must name a schema"),
                Arguments.of("setting without a name", "\n          name: Poll Frequency", "",
                        "configuration.sections[0].settings[0].name", "is required"),
                Arguments.of("immutable as a string", "immutable: true", "immutable: yes",
                        "configuration.sections[1].settings[0].immutable", "must be a boolean"),
                Arguments.of("section without a name", "    - name: General\n      settings:",
                        "    - settings:", "configuration.sections[0].name", "is required"),
                Arguments.of("schema missing", "  schema:\n    - name: requiredText",
                        "  schemas:\n    - name: requiredText",
                        "configuration.schema", "is required"),
                Arguments.of("unknown dataType", "- name: requiredText\n      dataType: string",
                        "- name: requiredText\n      dataType: text", "configuration.schema[0].dataType",
                        "must be one of"),
                Arguments.of("schema names twice", "- name: siteText", "- name: requiredText",
                        "configuration.schema[1].name", "must be unique"),
                Arguments.of("Integer rule on a Text schema", "maxLength: 45", "maxValue: 45",
                        "configuration.schema[0].maxValue", "is not a rule of a Text schema"),
                Arguments.of("Text rule on an Integer schema", "maxValue: 360", "maxLength: 360",
                        "configuration.schema[2].maxLength", "is not a rule of a Integer schema"),
                Arguments.of("Integer minValue a decimal", "minValue: 30", "minValue: 30.5",
                        "configuration.schema[2].minValue", "must be an integer"),
                Arguments.of("Integer maxValue below minValue", "maxValue: 360", "maxValue: 20",
                        "configuration.schema[2].maxValue", "must not be less than minValue"),
                Arguments.of("Double precision on an Integer schema", "maxValue: 360", "maxPrecision: 2",
                        "configuration.schema[2].maxPrecision", "is not a rule of a Integer schema"),
                Arguments.of("Double maxPrecision negative", "maxPrecision: 1", "maxPrecision: -1",
                        "configuration.schema[3].maxPrecision", "must be an integer from 0"),
                Arguments.of("Text minLength above maxLength", "maxLength: 45", "maxLength: 45\n      minLength: 50",
                        "configuration.schema[0].maxLength", "must not be less than minLength"),
                Arguments.of("Text regexMatch invalid", "regexMatch: ^[A-Z]{2}-[0-9]+$", "regexMatch: '([A-Z'",
                        "configuration.schema[1].regexMatch", "is not a valid regular expression"),
                Arguments.of("Select option of another type", "options: [debug, info, warn]",
                        "options: [debug, info, 3]", "configuration.schema[4].options[2]", "must be a string"),
                Arguments.of("Select option listed twice", "options: [debug, info, warn]",
                        "options: [debug, info, info]", "configuration.schema[4].options[2]", "is listed twice"),
                Arguments.of("Select without options", "options: [debug, info, warn]", "options: []",
                        "configuration.schema[4].options", "must have at least one element"),
                Arguments.of("Select of an array type without multiselect", "dataType: string\n      options",
                        "dataType: array[string]\n      options", "configuration.schema[4].multiselect",
                        "must be true"),
                Arguments.of("Text rule on a Select schema", "options: [debug, info, warn]",
                        "options: [debug, info, warn]\n      maxLength: 3", "configuration.schema[4].maxLength",
                        "is not a rule of a Select schema"),
                Arguments.of("Boolean schema with a range", "- name: pollRange\n      dataType: integer",
                        "- name: pollRange\n      dataType: boolean", "configuration.schema[2].minValue",
                        "is not a rule of a Boolean schema"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void read_brokenRule_semanticErrorNamingTheField(String rule, String from, String to, String field,
                                                     String message) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> Descriptions.read(digitronWith(from, to)));

        assertThat(e).as(rule).isNotNull();
        assertThat(e.type()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        assertThat(e.errors()).as(rule).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void read_manyBrokenRules_reportsEveryOneAtOnce() {
        String yaml = digitronWith("revision: 2.3.7", "revision: v2").replace("timeout: 8m30s", "timeout: soon")
                .replace("id: com-northstar-digitron", "id: X");

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> Descriptions.read(yaml));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("id", C0 + ".properties.revision",
                C0 + ".properties.timeout");
    }

    @Test
    void read_notYaml_invalidRequest() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> DescriptionReader.read("id: [unclosed".getBytes(UTF_8)));

        assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(e.detail()).contains("not valid YAML");
    }
}
