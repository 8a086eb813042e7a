package org.openmargo.wfm.desiredstate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

class DeploymentValidatorTest {
    private static final String COMPONENT0 = "spec.deploymentProfile.components[0]";

    @Test
    void validate_helmDeployment_returnsFactsAndExactBytes() {
        byte[] yaml = Documents.HELM.getBytes(UTF_8);

        ValidatedDeployment d = DeploymentValidator.validate(yaml);

        assertThat(d.id()).isEqualTo("3f1c2b4e-8a9d-4c7e-b6f5-0a1b2c3d4e5f");
        assertThat(d.deviceId()).isEqualTo("northstarida.xtapro.k8s.edge");
        assertThat(d.name()).isEqualTo("digitron-orchestrator-deployment");
        assertThat(d.componentNames()).containsExactly("database-services", "digitron-orchestrator");
        assertThat(d.yaml()).isSameAs(yaml);
    }

    @Test
    void validate_composeDeploymentWithUppercaseIdAndWildcardDevice_keepsIdAsWritten() {
        ValidatedDeployment d = DeploymentValidator.validate(Documents.COMPOSE.getBytes(UTF_8));

        assertThat(d.id()).isEqualTo("AD9B614E-8912-45F4-A523-372358765DEF");
        assertThat(d.deviceId()).isEqualTo("gw1/devA/*");
        assertThat(d.componentNames()).containsExactly("digitron-orchestrator-docker");
    }

    @Test
    void validate_apiVersionKindAnnotationsAndCustomType_accepted() {
        String yaml = "apiVersion: application.margo.org/v1alpha1\nkind: ApplicationDeployment\n"
                + Documents.COMPOSE.replace("metadata:\n", "metadata:\n  annotations:\n    applicationId: x\n")
                .replace("type: compose", "type: custom");

        assertThat(DeploymentValidator.validate(yaml.getBytes(UTF_8)).name()).isEqualTo("digitron-orchestrator-docker");
    }

    @Test
    void validate_documentStartAndYamlDirective_accepted() {
        String yaml = "%YAML 1.2\n---\n" + Documents.COMPOSE + "...\n";

        assertThat(DeploymentValidator.validate(yaml.getBytes(UTF_8)).componentNames()).hasSize(1);
    }

    @Test
    void validate_preRc3DataModelExample_rejectedWithMissingFields() {
        // The shape of data-model/resources/examples/valid/ApplicationDeployment-helm.yaml (Gen A history).
        String yaml = """
                apiVersion: application.margo.org/v1alpha1
                kind: ApplicationDeployment
                id: a3e2f5dc-912e-494f-8395-52cf3769bc06
                metadata:
                  annotations:
                    applicationId: com-northstartida-digitron-orchestrator
                  name: com-northstartida-digitron-orchestrator-deployment
                  namespace: margo-poc
                spec:
                  deploymentProfile:
                    type: helm.v3
                    components:
                      - name: digitron-orchestrator-docker
                        properties:
                          packageLocation: https://northsitarida.com/digitron/docker/digitron-orchestrator.tar.gz
                """;

        assertThat(fields(yaml)).containsExactly("metadata.deviceId", "spec.applicationId",
                "spec.deploymentProfile.type", COMPONENT0 + ".properties.repository",
                COMPONENT0 + ".properties.revision");
    }

    @Test
    void validate_missingTopLevelMembers_reportsEach() {
        assertThat(fields("kind: ApplicationDeployment\n")).containsExactly("id", "metadata", "spec");
        assertThat(fields("id: 3f1c2b4e-8a9d-4c7e-b6f5-0a1b2c3d4e5f\nmetadata: {}\nspec: {}\n")).containsExactly(
                "metadata.name", "metadata.namespace", "metadata.deviceId", "spec.applicationId",
                "spec.deploymentProfile");
    }

    @Test
    void validate_badIdDeviceIdApplicationIdAndLabels_reportsEachRule() {
        String yaml = Documents.HELM.replace("3f1c2b4e-8a9d-4c7e-b6f5-0a1b2c3d4e5f", "not-a-uuid")
                .replace("deviceId: northstarida.xtapro.k8s.edge", "deviceId: gw1/*/devA")
                .replace("tier: edge", "tier: edge\n    enabled: true")
                .replace("applicationId: com-northstarida-digitron-orchestrator", "applicationId: Com_Northstar");

        assertThat(errors(yaml)).containsExactly(
                new FieldError("id", "must match " + DeploymentValidator.UUID_TEXT.pattern()),
                new FieldError("metadata.deviceId", "must match ^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*(/\\*)?$"),
                new FieldError("metadata.labels.enabled", "must be a string"),
                new FieldError("spec.applicationId", "must match ^[-a-z0-9]{1,200}$"));
    }

    @Test
    void validate_applicationIdOf201Characters_semanticError() {
        String yaml = Documents.COMPOSE.replace("applicationId: com-northstarida-digitron-orchestrator",
                "applicationId: " + "a".repeat(201));

        assertThat(fields(yaml)).containsExactly("spec.applicationId");
    }

    @Test
    void validate_componentPropertyRules_reportsEachPath() {
        String yaml = Documents.HELM.replace("oci://quay.io/charts/realtime-database-services",
                        "https://quay.io/charts/x")
                .replace("revision: 2.3.7", "revision: v2.3.7")
                .replace("timeout: 8m30s", "timeout: 90s")
                .replace("wait: true", "wait: \"true\"")
                .replace("revision: 1.0.9-rc.1_build.5", "revision: 1.0.9+build.5");

        assertThat(fields(yaml)).containsExactly(COMPONENT0 + ".properties.repository",
                COMPONENT0 + ".properties.revision", COMPONENT0 + ".properties.wait",
                COMPONENT0 + ".properties.timeout", "spec.deploymentProfile.components[1].properties.revision");
    }

    @Test
    void validate_revisionWrittenAsFloat_mustBeString() {
        String yaml = Documents.COMPOSE.replace("revision: 1.0.0", "revision: 1.0");

        assertThat(errors(yaml)).containsExactly(new FieldError(COMPONENT0 + ".properties.revision",
                "must be a string"));
    }

    @Test
    void validate_unknownMembersInClosedObjects_notAllowed() {
        String yaml = Documents.COMPOSE.replace("  parameters:", "  extra: 1\n  x-bad-extensions: [1]\n  parameters:")
                .replace("    type: compose", "    type: compose\n    packageLocation: x")
                .replace("  - name: digitron-orchestrator-docker", "  - name: digitron-orchestrator-docker\n"
                        + "        keyLocation: x");

        assertThat(errors(yaml)).containsExactly(
                new FieldError("spec.extra", "is not allowed here"),
                new FieldError("spec.x-bad-extensions", "must be an object"),
                new FieldError("spec.deploymentProfile.packageLocation", "is not allowed here"),
                new FieldError(COMPONENT0 + ".keyLocation", "is not allowed here"));
    }

    @Test
    void validate_emptyAndDuplicateComponents_semanticError() {
        String empty = Documents.COMPOSE.replaceAll("(?s)    components:.*?  parameters:", "    components: []\n"
                + "  parameters:");
        String twice = Documents.HELM.replace("name: digitron-orchestrator\n", "name: database-services\n");

        assertThat(errors(empty)).contains(
                new FieldError("spec.deploymentProfile.components", "must have at least one element"));
        // The renamed component no longer exists, so the parameters that target it are reported too.
        assertThat(errors(twice)).containsExactly(
                new FieldError("spec.deploymentProfile.components[1].name",
                        "must be unique; another component has this name"),
                new FieldError("spec.parameters.adminName.targets[0].components[0]",
                        "must name a component of the profile"),
                new FieldError("spec.parameters.pollFrequency.targets[0].components[0]",
                        "must name a component of the profile"),
                new FieldError("spec.parameters.features.targets[0].components[0]",
                        "must name a component of the profile"));
    }

    @Test
    void validate_parameterRules_reportsEachPath() {
        String yaml = Documents.HELM.replace("components: [digitron-orchestrator, database-services]",
                        "components: [digitron-orchestrator, nosuch]")
                .replace("value: Some One", "value: {a: 1}")
                .replace("value: [a, 1, true]", "value: [[a]]")
                .replace("- pointer: settings.features", "- pointer: \"\"");

        assertThat(fields(yaml)).containsExactly("spec.parameters.adminName.value",
                "spec.parameters.pollFrequency.targets[0].components[1]", "spec.parameters.features.value",
                "spec.parameters.features.targets[0].pointer");
    }

    @Test
    void validate_parameterWithoutValueOrTargets_semanticError() {
        String yaml = Documents.COMPOSE.replaceAll("(?s)    siteId:.*", "    siteId:\n      targets: []\n"
                + "    other: 3\n");

        assertThat(fields(yaml)).containsExactly("spec.parameters.siteId.value", "spec.parameters.siteId.targets",
                "spec.parameters.other");
    }

    @Test
    void validate_capacityRequirementRules_reportsEachPath() {
        String yaml = Documents.HELM.replace("cores: 0.5", "cores: \"2\"").replace("[amd64, arm64]", "[x86]")
                .replace("memory: 1024Mi", "memory: 1 Gi").replace("storage: 5Gi", "storage: 5GB");
        String base = "spec.deploymentProfile.deviceConstraints.capacityRequirements";

        assertThat(errors(yaml)).containsExactly(
                new FieldError(base + ".cpu.cores", "must be a number"),
                new FieldError(base + ".cpu.architectures[0]", "must be one of [amd64, arm64, arm, riscv64, other]"),
                new FieldError(base + ".memory", "must match ^[0-9]+(Mi|Gi|Ki)$"),
                new FieldError(base + ".storage", "must match ^[0-9]+(Mi|Gi|Ki|Ti|Pi|Ei)$"));
    }

    @Test
    void validate_matchExpressionRules_reportsEachPath() {
        String yaml = Documents.HELM.replace("values: [Northstar Industrial Devices]", "values: [a, 1]")
                .replace("key: /cpus", "key: cpus")
                .replace("values: [4]", "values: [4, 5]")
                .replace("operator: Exists", "operator: Exists\n                values: [x]");
        String rule = "spec.deploymentProfile.deviceConstraints.eligibilityRules[0]";

        assertThat(errors(yaml)).containsExactly(
                new FieldError(rule + ".propertySelector.matchExpressions[0].values",
                        "must be one or more strings, one or more numbers, or a single boolean"),
                new FieldError(rule + ".propertySelector.matchExpressions[1].key", "must match ^(/([^~/]|~[01])*)+$"),
                new FieldError(rule + ".propertySelector.matchExpressions[1].itemSelector.matchExpressions[0].values",
                        "must be exactly one number"),
                new FieldError(rule + ".labelSelector.matchExpressions[0].values", "is not allowed with operator Exists"));
    }

    @Test
    void validate_operatorMissingPartsOrUnknown_semanticError() {
        String yaml = Documents.HELM.replace("operator: In", "operator: in")
                .replace("operator: ContainsAny", "operator: ContainsAll\n                values: [1]")
                .replaceAll("(?ms)^ +itemSelector:.*?values: \\[4]\n", "")
                .replace("operator: Exists", "operator: Gt");
        String rule = "spec.deploymentProfile.deviceConstraints.eligibilityRules[0]";

        assertThat(errors(yaml)).containsExactly(
                new FieldError(rule + ".propertySelector.matchExpressions[0].operator", "must be one of [In, NotIn, "
                        + "Exists, DoesNotExist, Gt, Lt, ContainsAll, ContainsAny]"),
                new FieldError(rule + ".propertySelector.matchExpressions[1].itemSelector", "is required"),
                new FieldError(rule + ".propertySelector.matchExpressions[1].values",
                        "is not allowed with operator ContainsAll"),
                new FieldError(rule + ".labelSelector.matchExpressions[0].values", "is required"));
    }

    @Test
    void validate_yaml11Booleans_areStrings() {
        String yaml = Documents.HELM.replace("wait: true", "wait: yes").replace("tier: edge", "tier: on");

        assertThat(errors(yaml)).containsExactly(new FieldError(COMPONENT0 + ".properties.wait", "must be a boolean"));
    }

    private static ProblemException problem(String yaml) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> DeploymentValidator.validate(yaml.getBytes(UTF_8)));
        assertThat(e).as("expected a problem for %s", yaml).isNotNull();
        return e;
    }

    static List<FieldError> errors(String yaml) {
        ProblemException e = problem(yaml);
        assertThat(e.type()).as(e.detail()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        return e.errors();
    }

    private static List<String> fields(String yaml) {
        return errors(yaml).stream().map(FieldError::field).toList();
    }
}
