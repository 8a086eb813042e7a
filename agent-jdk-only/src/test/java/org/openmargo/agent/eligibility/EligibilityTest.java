package org.openmargo.agent.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;

class EligibilityTest {
    static final String DEVICE = """
            {"properties":{"id":"dev-1","vendor":"Northstar","modelNumber":"X1","serialNumber":"S1",
              "cpus":[{"cores":2,"architecture":"amd64"},{"cores":8,"architecture":"arm64"}],
              "memory":"59 Gi","storage":"1862Gi","otelCollector":true,
              "peripherals":[{"type":"gpu","manufacturer":"NVIDIA","model":"T4"},{"type":"camera"}],
              "interfaces":[{"type":"ethernet"},{"type":"wifi"}],
              "supportedDeploymentTypes":["helm","compose"],
              "x":{"a/b":"slash","m~n":"tilde","~1":"literal","list":[10,20]},"score":7.5},
             "labels":{"example.com/zone":"north","example.com/gpus":2,"example.com/lab":true,
               "example.com/tags":["a","b"]}}""";

    static Verdict evaluate(String constraints) {
        return evaluate(constraints, DEVICE);
    }

    static Verdict evaluate(String constraints, String device) {
        return Eligibility.evaluate(json(constraints), json(device));
    }

    static JsonObject json(String text) {
        try {
            return (JsonObject) Json.parse(text);
        } catch (org.openmargo.agent.json.JsonParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String property(String expression) {
        return "{\"eligibilityRules\":[{\"propertySelector\":{\"matchExpressions\":[" + expression + "]}}]}";
    }

    static String label(String expression) {
        return "{\"eligibilityRules\":[{\"labelSelector\":{\"matchExpressions\":[" + expression + "]}}]}";
    }

    @Test
    void evaluate_noConstraints_isEligible() {
        assertThat(evaluate("{}")).isEqualTo(new Verdict.Eligible());
        assertThat(evaluate("{\"eligibilityRules\":[]}")).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void evaluate_failingPropertyRule_namesExpressionAndValue() {
        assertThat(evaluate(property("{\"key\":\"/vendor\",\"operator\":\"In\",\"values\":[\"Acme\"]}")))
                .isEqualTo(new Verdict.Ineligible("no eligibility rule matched: rule 1: /vendor In [Acme] is false"
                        + " (value \"Northstar\")"));
    }

    @Test
    void evaluate_rules_areOred() {
        String rules = "{\"eligibilityRules\":["
                + "{\"propertySelector\":{\"matchExpressions\":[{\"key\":\"/vendor\",\"operator\":\"In\",\"values\":[\"Acme\"]}]}},"
                + "{\"labelSelector\":{\"matchExpressions\":[{\"key\":\"example.com/zone\",\"operator\":\"In\",\"values\":[\"north\"]}]}}]}";
        assertThat(evaluate(rules)).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void evaluate_allRulesFail_listsEveryRule() {
        String rules = "{\"eligibilityRules\":["
                + "{\"propertySelector\":{\"matchExpressions\":[{\"key\":\"/vendor\",\"operator\":\"In\",\"values\":[\"Acme\"]}]}},"
                + "{\"labelSelector\":{\"matchExpressions\":[{\"key\":\"example.com/zone\",\"operator\":\"NotIn\",\"values\":[\"north\"]}]}}]}";
        assertThat(evaluate(rules)).isEqualTo(new Verdict.Ineligible("no eligibility rule matched: "
                + "rule 1: /vendor In [Acme] is false (value \"Northstar\"); "
                + "rule 2: label example.com/zone NotIn [north] is false (value \"north\")"));
    }

    @Test
    void evaluate_ruleNeedsBothSelectors() {
        String rule = "{\"eligibilityRules\":[{"
                + "\"propertySelector\":{\"matchExpressions\":[{\"key\":\"/vendor\",\"operator\":\"In\",\"values\":[\"Northstar\"]}]},"
                + "\"labelSelector\":{\"matchExpressions\":[{\"key\":\"example.com/zone\",\"operator\":\"In\",\"values\":[\"south\"]}]}}]}";
        assertThat(evaluate(rule)).isEqualTo(new Verdict.Ineligible("no eligibility rule matched: rule 1: "
                + "label example.com/zone In [south] is false (value \"north\")"));
    }

    @Test
    void evaluate_expressionsInSelector_areAnded() {
        String both = "{\"key\":\"/vendor\",\"operator\":\"In\",\"values\":[\"Northstar\"]},"
                + "{\"key\":\"/modelNumber\",\"operator\":\"In\",\"values\":[\"X2\",\"X3\"]}";
        assertThat(evaluate(property(both))).isEqualTo(new Verdict.Ineligible("no eligibility rule matched: rule 1: "
                + "/modelNumber In [X2, X3] is false (value \"X1\")"));
        String ok = "{\"key\":\"/vendor\",\"operator\":\"In\",\"values\":[\"Northstar\"]},"
                + "{\"key\":\"/modelNumber\",\"operator\":\"In\",\"values\":[\"X2\",\"X1\"]}";
        assertThat(evaluate(property(ok))).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void evaluate_emptyRuleAndEmptySelector_match() {
        assertThat(evaluate("{\"eligibilityRules\":[{}]}")).isEqualTo(new Verdict.Eligible());
        assertThat(evaluate(property(""))).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void evaluate_capacityBeforeRules() {
        String constraints = "{\"capacityRequirements\":{\"memory\":\"64Gi\"},\"eligibilityRules\":[{}]}";
        assertThat(evaluate(constraints)).isEqualTo(new Verdict.Ineligible("needs memory 64Gi; this device has 59 Gi"));
    }

    @Test
    void evaluate_invalidConstraints_areIneligibleNamingTheMember() {
        assertThat(evaluate(property("{\"key\":\"/vendor\",\"operator\":\"Like\",\"values\":[\"A\"]}")))
                .isEqualTo(new Verdict.Ineligible("invalid deviceConstraints.eligibilityRules[0].propertySelector"
                        + ".matchExpressions[0].operator: expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt,"
                        + " ContainsAll, ContainsAny"));
        assertThat(evaluate("{\"eligibilityRules\":{}}")).isEqualTo(
                new Verdict.Ineligible("invalid deviceConstraints.eligibilityRules: expected an array"));
        assertThat(evaluate("{\"eligibilityRules\":[{\"labelSelector\":{}}]}")).isEqualTo(new Verdict.Ineligible(
                "invalid deviceConstraints.eligibilityRules[0].labelSelector.matchExpressions: expected an array"));
    }

    @Test
    void evaluate_laterInvalidRule_isReportedEvenIfAnEarlierRuleMatches() {
        String rules = "{\"eligibilityRules\":[{},{\"propertySelector\":{\"matchExpressions\":[{\"key\":\"vendor\","
                + "\"operator\":\"Exists\"}]}}]}";
        assertThat(evaluate(rules)).isEqualTo(new Verdict.Ineligible("invalid deviceConstraints.eligibilityRules[1]"
                + ".propertySelector.matchExpressions[0].key: a JSON Pointer starts with / but got \"vendor\""));
    }

    @Test
    void evaluate_deviceNumberBeyondDecimalRange_comparesWithNothing() {
        String device = "{\"properties\":{\"huge\":1e99999999999}}";
        assertThat(evaluate(property("{\"key\":\"/huge\",\"operator\":\"Gt\",\"values\":[1]}"), device))
                .isInstanceOf(Verdict.Ineligible.class);
        assertThat(evaluate(property("{\"key\":\"/huge\",\"operator\":\"In\",\"values\":[0]}"), device))
                .isInstanceOf(Verdict.Ineligible.class);
    }

    @Test
    void evaluate_documentWithoutLabels_failsLabelExpressions() {
        String device = "{\"properties\":{\"vendor\":\"Northstar\"}}";
        assertThat(evaluate(label("{\"key\":\"example.com/zone\",\"operator\":\"Exists\"}"), device))
                .isEqualTo(new Verdict.Ineligible("no eligibility rule matched: rule 1: label example.com/zone Exists"
                        + " is false (absent)"));
    }
}
