package org.openmargo.agent.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.eligibility.EligibilityTest.evaluate;
import static org.openmargo.agent.eligibility.EligibilityTest.label;
import static org.openmargo.agent.eligibility.EligibilityTest.property;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each operator against the {@link EligibilityTest#DEVICE} document: {@code expression | matches}. */
class OperatorSemanticsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"key":"/vendor","operator":"In","values":["Acme","Northstar"]}                  | true
            {"key":"/vendor","operator":"In","values":["northstar"]}                         | false
            {"key":"/missing","operator":"In","values":["x"]}                                | false
            {"key":"/otelCollector","operator":"In","values":[true]}                          | true
            {"key":"/otelCollector","operator":"In","values":[false]}                         | false
            {"key":"/otelCollector","operator":"In","values":["true"]}                        | false
            {"key":"/score","operator":"In","values":[7.50, 8]}                               | true
            {"key":"/score","operator":"In","values":["7.5"]}                                 | false
            {"key":"/vendor","operator":"NotIn","values":["Acme"]}                            | true
            {"key":"/vendor","operator":"NotIn","values":["Northstar"]}                       | false
            {"key":"/missing","operator":"NotIn","values":["Acme"]}                           | true
            {"key":"/score","operator":"NotIn","values":["Acme"]}                             | false
            {"key":"/vendor","operator":"Exists"}                                             | true
            {"key":"/missing","operator":"Exists"}                                            | false
            {"key":"/missing","operator":"DoesNotExist"}                                      | true
            {"key":"/vendor","operator":"DoesNotExist"}                                       | false
            {"key":"/score","operator":"Gt","values":[7]}                                     | true
            {"key":"/score","operator":"Gt","values":[7.5]}                                   | false
            {"key":"/score","operator":"Lt","values":[8]}                                     | true
            {"key":"/score","operator":"Lt","values":[7.5]}                                   | false
            {"key":"/vendor","operator":"Gt","values":[1]}                                    | false
            {"key":"/missing","operator":"Lt","values":[1]}                                   | false
            {"key":"/cpus/1/cores","operator":"Gt","values":[4]}                              | true
            {"key":"/cpus/2/cores","operator":"Exists"}                                       | false
            {"key":"/cpus/01/cores","operator":"Exists"}                                      | false
            {"key":"/cpus/-","operator":"Exists"}                                             | false
            {"key":"/x/a~1b","operator":"In","values":["slash"]}                              | true
            {"key":"/x/m~0n","operator":"In","values":["tilde"]}                              | true
            {"key":"/x/~01","operator":"In","values":["literal"]}                             | true
            {"key":"/x/list/1","operator":"In","values":[20]}                                 | true
            {"key":"/peripherals","operator":"ContainsAll","itemSelector":{"matchExpressions":[{"key":"/type","operator":"In","values":["gpu"]},{"key":"/manufacturer","operator":"In","values":["NVIDIA"]}]}} | true
            {"key":"/peripherals","operator":"ContainsAll","itemSelector":{"matchExpressions":[{"key":"/type","operator":"In","values":["camera"]},{"key":"/manufacturer","operator":"In","values":["NVIDIA"]}]}} | false
            {"key":"/peripherals","operator":"ContainsAny","itemSelector":{"matchExpressions":[{"key":"/type","operator":"In","values":["display"]},{"key":"/type","operator":"In","values":["camera"]}]}} | true
            {"key":"/peripherals","operator":"ContainsAny","itemSelector":{"matchExpressions":[{"key":"/type","operator":"In","values":["display"]},{"key":"/model","operator":"In","values":["A100"]}]}} | false
            {"key":"/interfaces","operator":"ContainsAll","itemSelector":{"matchExpressions":[{"key":"/type","operator":"In","values":["wifi"]}]}} | true
            {"key":"/vendor","operator":"ContainsAny","itemSelector":{"matchExpressions":[{"key":"/type","operator":"Exists"}]}} | false
            {"key":"/supportedDeploymentTypes","operator":"ContainsAny","itemSelector":{"matchExpressions":[{"key":"","operator":"In","values":["helm"]}]}} | false
            """)
    void property_operator(String expression, boolean matches) {
        assertThat(evaluate(property(expression)) instanceof Verdict.Eligible).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"key":"example.com/zone","operator":"In","values":["north"]}      | true
            {"key":"example.com/zone","operator":"In","values":["North"]}      | false
            {"key":"/example.com/zone","operator":"Exists"}                    | false
            {"key":"example.com/gpus","operator":"Gt","values":[1]}            | true
            {"key":"example.com/gpus","operator":"In","values":["2"]}          | false
            {"key":"example.com/lab","operator":"In","values":[true]}          | true
            {"key":"example.com/tags","operator":"In","values":["a"]}          | false
            {"key":"example.com/none","operator":"DoesNotExist"}               | true
            """)
    void label_operator(String expression, boolean matches) {
        assertThat(evaluate(label(expression)) instanceof Verdict.Eligible).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"key":"/vendor","operator":"In"}                                  | values: In needs at least one value
            {"key":"/vendor","operator":"In","values":["a",1]}                 | values: In needs strings or numbers, all of one type
            {"key":"/vendor","operator":"NotIn","values":[true,false]}         | values: NotIn takes a single boolean
            {"key":"/vendor","operator":"In","values":"a"}                     | values: expected an array
            {"key":"/vendor","operator":"Exists","values":["a"]}               | values: Exists takes no values
            {"key":"/score","operator":"Gt","values":[1,2]}                    | values: Gt needs exactly one number
            {"key":"/score","operator":"Lt","values":["1"]}                    | values: Lt needs exactly one number
            {"key":"/cpus","operator":"ContainsAll"}                           | itemSelector: ContainsAll needs an itemSelector
            {"key":"/cpus","operator":"ContainsAny","values":[1],"itemSelector":{"matchExpressions":[]}} | values: ContainsAny takes no values
            {"key":"/vendor","operator":"In","values":["a"],"itemSelector":{"matchExpressions":[]}}      | itemSelector: In takes no itemSelector
            {"key":"/x/~2","operator":"Exists"}                                | key: ~ must be followed by 0 or 1 in "/x/~2"
            {"operator":"Exists"}                                              | key: expected a string
            """)
    void invalid_expression(String expression, String problem) {
        assertThat(evaluate(property(expression))).isEqualTo(new Verdict.Ineligible(
                "invalid deviceConstraints.eligibilityRules[0].propertySelector.matchExpressions[0]." + problem));
    }
}
