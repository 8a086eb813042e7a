package org.openmargo.wfm.eligibility;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmargo.wfm.desiredstate.YamlBody;
import org.openmargo.wfm.json.JsonBody;

/** Margo rc.3 f.2 eligibility matching: every operator, the AND/OR structure, wrong types, capacity before rules. */
class EligibilityTest {
    private static final String CAPABILITIES = """
            {"properties": {"id": "d", "vendor": "Northstar", "modelNumber": "X1", "serialNumber": "S1",
              "cores": 4, "secureBoot": true, "nothing": null, "tags": ["a", "b"],
              "cpus": [{"cores": 2, "architecture": "amd64"}, {"cores": 2, "architecture": "arm64"}],
              "memory": "8Gi", "storage": "64Gi",
              "peripherals": [{"type": "gpu", "manufacturer": "NVIDIA", "model": "T4"}, {"type": "camera"}],
              "interfaces": [{"type": "ethernet"}],
              "odd/key": "slash", "til~de": "tilde"},
             "labels": {"site": "plant-1", "tier": 2, "edge": true, "zones": ["z1", "z2"]}}
            """;

    private static Map<String, Object> capabilities() {
        return JsonBody.parseObject(CAPABILITIES.getBytes(UTF_8), 1 << 20);
    }

    private static boolean property(String expression) {
        return Eligibility.unmet(constraints("eligibilityRules:\n  - propertySelector:\n      matchExpressions:\n"
                + "        - " + expression.replace("\n", "\n          ")), capabilities()).isEmpty();
    }

    private static boolean label(String expression) {
        return Eligibility.unmet(constraints("eligibilityRules:\n  - labelSelector:\n      matchExpressions:\n"
                + "        - " + expression.replace("\n", "\n          ")), capabilities()).isEmpty();
    }

    private static Map<String, Object> constraints(String yaml) {
        return YamlBody.parseMapping(yaml.getBytes(UTF_8));
    }

    static Stream<Arguments> propertyExpressions() {
        return Stream.of(
                Arguments.of("key: /vendor\noperator: In\nvalues: [Acme, Northstar]", true),
                Arguments.of("key: /vendor\noperator: In\nvalues: [northstar]", false),
                Arguments.of("key: /missing\noperator: In\nvalues: [x]", false),
                Arguments.of("key: /cores\noperator: In\nvalues: [4.0]", true),
                Arguments.of("key: /cores\noperator: In\nvalues: [\"4\"]", false),
                Arguments.of("key: /secureBoot\noperator: In\nvalues: [true]", true),
                Arguments.of("key: /secureBoot\noperator: In\nvalues: [\"true\"]", false),
                Arguments.of("key: /tags\noperator: In\nvalues: [a]", false),
                Arguments.of("key: /vendor\noperator: NotIn\nvalues: [Acme]", true),
                Arguments.of("key: /vendor\noperator: NotIn\nvalues: [Northstar]", false),
                Arguments.of("key: /missing\noperator: NotIn\nvalues: [Acme]", true),
                Arguments.of("key: /cores\noperator: NotIn\nvalues: [Acme]", false),
                Arguments.of("key: /vendor\noperator: Exists", true),
                Arguments.of("key: /missing\noperator: Exists", false),
                Arguments.of("key: /nothing\noperator: Exists", false),
                Arguments.of("key: /missing\noperator: DoesNotExist", true),
                Arguments.of("key: /nothing\noperator: DoesNotExist", true),
                Arguments.of("key: /vendor\noperator: DoesNotExist", false),
                Arguments.of("key: /cores\noperator: Gt\nvalues: [3]", true),
                Arguments.of("key: /cores\noperator: Gt\nvalues: [4]", false),
                Arguments.of("key: /cores\noperator: Lt\nvalues: [4.5]", true),
                Arguments.of("key: /cores\noperator: Lt\nvalues: [4]", false),
                Arguments.of("key: /vendor\noperator: Gt\nvalues: [1]", false),
                Arguments.of("key: /cpus/1/architecture\noperator: In\nvalues: [arm64]", true),
                Arguments.of("key: /cpus/2/architecture\noperator: Exists", false),
                Arguments.of("key: /cpus/01/architecture\noperator: Exists", false),
                Arguments.of("key: /odd~1key\noperator: In\nvalues: [slash]", true),
                Arguments.of("key: /til~0de\noperator: In\nvalues: [tilde]", true),
                Arguments.of("key: /peripherals\noperator: ContainsAll\nitemSelector:\n  matchExpressions:\n"
                        + "    - {key: /type, operator: In, values: [gpu]}\n"
                        + "    - {key: /manufacturer, operator: In, values: [NVIDIA]}", true),
                Arguments.of("key: /peripherals\noperator: ContainsAll\nitemSelector:\n  matchExpressions:\n"
                        + "    - {key: /type, operator: In, values: [camera]}\n"
                        + "    - {key: /manufacturer, operator: In, values: [NVIDIA]}", false),
                Arguments.of("key: /peripherals\noperator: ContainsAny\nitemSelector:\n  matchExpressions:\n"
                        + "    - {key: /type, operator: In, values: [display]}\n"
                        + "    - {key: /manufacturer, operator: Exists}", true),
                Arguments.of("key: /peripherals\noperator: ContainsAny\nitemSelector:\n  matchExpressions:\n"
                        + "    - {key: /type, operator: In, values: [display]}", false),
                Arguments.of("key: /vendor\noperator: ContainsAny\nitemSelector:\n  matchExpressions:\n"
                        + "    - {key: /type, operator: Exists}", false),
                Arguments.of("key: /tags\noperator: ContainsAny\nitemSelector:\n  matchExpressions:\n"
                        + "    - {key: \"\", operator: In, values: [a]}", false));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("propertyExpressions")
    void propertySelector_expression_matchesAsTheSpecSays(String expression, boolean matches) {
        assertThat(property(expression)).isEqualTo(matches);
    }

    static Stream<Arguments> labelExpressions() {
        return Stream.of(
                Arguments.of("key: site\noperator: In\nvalues: [plant-1]", true),
                Arguments.of("key: site\noperator: In\nvalues: [Plant-1]", false),
                Arguments.of("key: tier\noperator: Gt\nvalues: [1]", true),
                Arguments.of("key: tier\noperator: In\nvalues: [\"2\"]", false),
                Arguments.of("key: edge\noperator: In\nvalues: [true]", true),
                Arguments.of("key: zones\noperator: In\nvalues: [z1]", false),
                Arguments.of("key: zones\noperator: Exists", true),
                Arguments.of("key: /site\noperator: Exists", false),
                Arguments.of("key: region\noperator: DoesNotExist", true));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("labelExpressions")
    void labelSelector_expression_matchesExactLabelNames(String expression, boolean matches) {
        assertThat(label(expression)).isEqualTo(matches);
    }

    @Test
    void rule_bothSelectorsMustMatch_andExpressionsAreAnded() {
        String oneFails = """
                eligibilityRules:
                  - propertySelector:
                      matchExpressions:
                        - {key: /vendor, operator: In, values: [Northstar]}
                    labelSelector:
                      matchExpressions:
                        - {key: site, operator: In, values: [plant-2]}
                """;
        String andFails = """
                eligibilityRules:
                  - propertySelector:
                      matchExpressions:
                        - {key: /vendor, operator: In, values: [Northstar]}
                        - {key: /cores, operator: Gt, values: [8]}
                """;

        assertThat(Eligibility.unmet(constraints(oneFails), capabilities()))
                .contains("its capabilities do not match the eligibility rule");
        assertThat(Eligibility.unmet(constraints(andFails), capabilities())).isPresent();
    }

    @Test
    void rules_areOred() {
        String secondMatches = """
                eligibilityRules:
                  - labelSelector:
                      matchExpressions:
                        - {key: site, operator: In, values: [plant-2]}
                  - labelSelector:
                      matchExpressions:
                        - {key: site, operator: In, values: [plant-1]}
                """;
        String noneMatches = secondMatches.replace("plant-1", "plant-3");

        assertThat(Eligibility.unmet(constraints(secondMatches), capabilities())).isEmpty();
        assertThat(Eligibility.unmet(constraints(noneMatches), capabilities()))
                .contains("its capabilities match none of the 2 eligibility rules");
    }

    @Test
    void capacity_isEvaluatedBeforeTheRules() {
        String both = """
                capacityRequirements:
                  memory: 16Gi
                eligibilityRules:
                  - labelSelector:
                      matchExpressions:
                        - {key: site, operator: In, values: [plant-3]}
                """;

        assertThat(Eligibility.unmet(constraints(both), capabilities()))
                .contains("needs 16Gi of memory, the device reports 8Gi");
    }

    @Test
    void capacity_coresAreSummedAndAnyArchitectureCounts() {
        assertThat(Eligibility.unmet(constraints("capacityRequirements:\n  cpu:\n    cores: 4\n"
                + "    architectures: [arm64]\n"), capabilities())).isEmpty();
        assertThat(Eligibility.unmet(constraints("capacityRequirements:\n  cpu:\n    cores: 4.5\n"), capabilities()))
                .contains("needs 4.5 CPU cores, the device reports 4");
        assertThat(Eligibility.unmet(constraints("capacityRequirements:\n  cpu:\n    cores: 1\n"
                + "    architectures: [riscv64]\n"), capabilities()))
                .contains("needs a CPU architecture in [riscv64], the device reports [amd64, arm64]");
    }

    @Test
    void noConstraintsOrEmptyRules_eligible() {
        assertThat(Eligibility.unmet(Map.of(), capabilities())).isEmpty();
        assertThat(Eligibility.unmet(constraints("eligibilityRules: []\n"), capabilities())).isEmpty();
    }

    @Test
    void requiredResources_peripheralsAndInterfacesMustBeReported() {
        assertThat(Eligibility.unmetResources(constraints("""
                cpu: {cores: 2, architectures: [amd64, x86_64]}
                memory: 1024Mi
                peripherals: [{type: gpu, manufacturer: NVIDIA}]
                interfaces: [{type: ethernet}]
                """), capabilities())).isEmpty();
        assertThat(Eligibility.unmetResources(constraints("peripherals: [{type: display}]\n"), capabilities()))
                .contains("needs peripheral {type=display}, the device reports none like it");
        assertThat(Eligibility.unmetResources(constraints("interfaces: [{type: wifi}]\n"), capabilities()))
                .contains("needs interface {type=wifi}, the device reports none like it");
        assertThat(Eligibility.unmetResources(constraints("storage: 1Ti\n"), capabilities()))
                .contains("needs 1Ti of storage, the device reports 64Gi");
    }
}
