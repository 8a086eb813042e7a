package org.openmargo.agent.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.eligibility.EligibilityTest.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.capabilities.CapabilitiesDocument;
import org.openmargo.agent.capabilities.HostFacts;
import org.openmargo.agent.config.AgentConfig.Device;

/** Constraints judged against the document this agent itself reports, as the reconciler does. */
class OwnCapabilitiesTest {
    private static final String DOCUMENT = CapabilitiesDocument.build(
            new HostFacts(4, Optional.of("arm64"), OptionalLong.of(8L << 30), OptionalLong.of(64L << 30),
                    List.of("ethernet")),
            new Device("edge-01", "Acme", "M1", "S-1", Map.of("example.com/site", "plant-7"), List.of(),
                    List.of("oci"), List.of("helm"), true));

    @Test
    void evaluate_fittingConstraints_onOwnDocument_isEligible() {
        String constraints = """
                {"capacityRequirements":{"cpu":{"cores":4,"architectures":["arm64"]},"memory":"8Gi","storage":"64Gi"},
                 "eligibilityRules":[{"propertySelector":{"matchExpressions":[
                     {"key":"/supportedDeploymentTypes/0","operator":"In","values":["helm"]},
                     {"key":"/interfaces","operator":"ContainsAny","itemSelector":{"matchExpressions":[
                         {"key":"/type","operator":"In","values":["ethernet"]}]}}]},
                   "labelSelector":{"matchExpressions":[
                     {"key":"example.com/site","operator":"In","values":["plant-7"]}]}}]}""";

        assertThat(Eligibility.evaluate(json(constraints), json(DOCUMENT))).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void evaluate_memoryShort_onOwnDocument_namesItsMiValue() {
        assertThat(Eligibility.evaluate(json("{\"capacityRequirements\":{\"memory\":\"9Gi\"}}"), json(DOCUMENT)))
                .isEqualTo(new Verdict.Ineligible("needs memory 9Gi; this device has 8192Mi"));
    }
}
