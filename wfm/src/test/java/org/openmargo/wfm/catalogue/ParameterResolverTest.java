package org.openmargo.wfm.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openmargo.wfm.catalogue.Descriptions.digitronWith;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** Margo rc.3 f.3 step 2: every configuration schema rule, defaults, missing values and immutable settings. */
class ParameterResolverTest {
    private static final Map<String, JsonValue> NONE = Map.of();
    private static final String SITE = "\"AB-12\"";
    private static final String MULTISELECT = digitronWith("options: [debug, info, warn]",
            "options: [debug, info, warn]\n      multiselect: true").replace("    value: info\n",
            "    value: [info]\n");
    private static final String INTEGER_ARRAY = digitronWith("dataType: integer", "dataType: array[integer]")
            .replace("    value: 30\n", "    value: [30, 60]\n");
    private static final String BOOLEAN = digitronWith("dataType: string\n      options: [debug, info, warn]",
            "dataType: boolean").replace("    value: info\n", "    value: true\n");
    private static final String OPTIONAL_SITE = digitronWith("minLength: 3", "minLength: 3\n      allowEmpty: true");
    private static final String PRECISE_CPU = digitronWith("maxPrecision: 1", "minPrecision: 1\n      maxPrecision: 2");
    private static final String CATASTROPHIC_REGEX = digitronWith("regexMatch: ^[A-Z]{2}-[0-9]+$",
            "regexMatch: ^(a+)+$");

    static JsonValue json(String text) {
        return Json.createReader(new StringReader("[" + text + "]")).readArray().get(0);
    }

    static ResolvedParameters resolve(String description, Map<String, JsonValue> supplied,
                                      Map<String, JsonValue> installedBefore) {
        return ParameterResolver.resolve(Descriptions.read(description), supplied, installedBefore);
    }

    static List<FieldError> errors(String description, Map<String, JsonValue> supplied) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> resolve(description, supplied, NONE));
        assertThat(e).as("a problem").isNotNull();
        assertThat(e.type()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        return e.errors();
    }

    @Test
    void resolve_onlyRequiredValue_defaultsForTheRest() {
        ResolvedParameters p = resolve(Descriptions.DIGITRON, Map.of("siteId", json(SITE)), NONE);

        assertThat(p.values()).containsExactlyInAnyOrderEntriesOf(Map.of("idpName", json("\"test\""),
                "pollFrequency", json("30"), "siteId", json(SITE), "cpuLimit", json("1.5"), "logLevel",
                json("\"info\"")));
    }

    @Test
    void resolve_noValueAnywhere_errorNamesTheParameter() {
        assertThat(errors(Descriptions.DIGITRON, NONE)).containsExactly(new FieldError("parameters.siteId",
                "has no value: the description gives no default, so one must be supplied"));
    }

    @Test
    void resolve_unknownParameter_errorNamesIt() {
        assertThat(errors(Descriptions.DIGITRON, Map.of("siteId", json(SITE), "colour", json("\"red\""))))
                .containsExactly(new FieldError("parameters.colour",
                        "is not a parameter of com-northstar-digitron@1.2.1"));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                // Integer: type, minValue, maxValue (inclusive).
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "30", null),
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "360", null),
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "29", "must be at least 30"),
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "361", "must be at most 360"),
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "\"60\"", "must be an integer"),
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "60.0", "must be an integer"),
                Arguments.of(Descriptions.DIGITRON, "pollFrequency", "true", "must be an integer"),
                // Text: allowEmpty false by default, maxLength, minLength, regexMatch.
                Arguments.of(Descriptions.DIGITRON, "idpName", "\"keycloak\"", null),
                Arguments.of(Descriptions.DIGITRON, "idpName", "\"\"", "must not be empty"),
                Arguments.of(Descriptions.DIGITRON, "idpName", "\"" + "x".repeat(46) + "\"",
                        "must be at most 45 characters long"),
                Arguments.of(Descriptions.DIGITRON, "idpName", "\"" + "\uD83D\uDE00".repeat(45) + "\"", null),
                Arguments.of(Descriptions.DIGITRON, "idpName", "42", "must be a string"),
                Arguments.of(Descriptions.DIGITRON, "idpName", "\"" + "x".repeat(8193) + "\"",
                        "must be at most 8192 characters long"),
                Arguments.of(Descriptions.DIGITRON, "siteId", "\"AB-7\"", null),
                Arguments.of(Descriptions.DIGITRON, "siteId", "\"ab-7\"", "must match regexMatch ^[A-Z]{2}-[0-9]+$"),
                Arguments.of(Descriptions.DIGITRON, "siteId", "\"AB\"", "must be at least 3 characters long"),
                Arguments.of(Descriptions.DIGITRON, "siteId", "\"\"", "must not be empty"),
                Arguments.of(OPTIONAL_SITE, "siteId", "\"\"", null),
                Arguments.of(OPTIONAL_SITE, "siteId", "\"AB\"", "must be at least 3 characters long"),
                Arguments.of(CATASTROPHIC_REGEX, "siteId", "\"aaaaaa\"", null),
                Arguments.of(CATASTROPHIC_REGEX, "siteId", "\"" + "a".repeat(5000) + "b\"",
                        "could not be checked against regexMatch ^(a+)+$ within 2000000 steps"),
                // Double: minValue, maxValue, maxPrecision, minPrecision.
                Arguments.of(Descriptions.DIGITRON, "cpuLimit", "2", null),
                Arguments.of(Descriptions.DIGITRON, "cpuLimit", "0.5", null),
                Arguments.of(Descriptions.DIGITRON, "cpuLimit", "0.4", "must be at least 0.5"),
                Arguments.of(Descriptions.DIGITRON, "cpuLimit", "4.5", "must be at most 4"),
                Arguments.of(Descriptions.DIGITRON, "cpuLimit", "1.25",
                        "must have at most 1 digits after the decimal point"),
                Arguments.of(Descriptions.DIGITRON, "cpuLimit", "\"1.5\"", "must be a number"),
                Arguments.of(PRECISE_CPU, "cpuLimit", "1.25", null),
                Arguments.of(PRECISE_CPU, "cpuLimit", "2", "must have at least 1 digits after the decimal point"),
                // Select: one option, exactly.
                Arguments.of(Descriptions.DIGITRON, "logLevel", "\"warn\"", null),
                Arguments.of(Descriptions.DIGITRON, "logLevel", "\"WARN\"", "must be one of the options"),
                Arguments.of(Descriptions.DIGITRON, "logLevel", "[\"warn\"]", "must be a string"),
                // Select with multiselect: an array of distinct options, not empty.
                Arguments.of(MULTISELECT, "logLevel", "[\"debug\", \"warn\"]", null),
                Arguments.of(MULTISELECT, "logLevel", "\"warn\"", "must be an array of options (multiselect)"),
                Arguments.of(MULTISELECT, "logLevel", "[]", "must select at least one option"),
                Arguments.of(MULTISELECT, "logLevel", "[\"warn\", \"warn\"]", "selects the same option twice"),
                Arguments.of(MULTISELECT, "logLevel", "[\"trace\"]", "must be one of the options"),
                // Arrays of a type: each element meets the element rules.
                Arguments.of(INTEGER_ARRAY, "pollFrequency", "[30, 360]", null),
                Arguments.of(INTEGER_ARRAY, "pollFrequency", "[30, 10]", "must be at least 30"),
                Arguments.of(INTEGER_ARRAY, "pollFrequency", "30", "must be an array"),
                Arguments.of(INTEGER_ARRAY, "pollFrequency", "[]", "must not be empty"),
                // Boolean: a JSON boolean only.
                Arguments.of(BOOLEAN, "logLevel", "false", null),
                Arguments.of(BOOLEAN, "logLevel", "\"false\"", "must be a boolean"),
                Arguments.of(BOOLEAN, "logLevel", "0", "must be a boolean"));
    }

    @ParameterizedTest(name = "{1} = {2} → {3}")
    @MethodSource("values")
    void resolve_valueAgainstItsSchema_acceptedOrRefusedWithTheRule(String description, String parameter,
                                                                    String value, String error) {
        Map<String, JsonValue> supplied = new java.util.HashMap<>(Map.of("siteId", json(SITE)));
        supplied.put(parameter, json(value));

        if (error == null) {
            assertThat(resolve(description, supplied, NONE).values()).containsEntry(parameter, json(value));
        } else {
            assertThat(errors(description, supplied)).extracting(FieldError::message)
                    .anySatisfy(m -> assertThat(m).startsWith(error));
            assertThat(errors(description, supplied)).extracting(FieldError::field)
                    .allSatisfy(f -> assertThat(f).startsWith("parameters." + parameter));
        }
    }

    @Test
    void resolve_immutableChangedAfterInstall_refused() {
        List<FieldError> e = catchThrowableOfType(ProblemException.class, () -> resolve(Descriptions.DIGITRON,
                Map.of("siteId", json(SITE), "idpName", json("\"okta\"")), Map.of("idpName", json("\"test\""))))
                .errors();

        assertThat(e).containsExactly(new FieldError("parameters.idpName",
                "is immutable: it was installed with \"test\" and cannot change to \"okta\""));
    }

    @Test
    void resolve_immutableDefaultAfterInstallWithAnotherValue_refused() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> resolve(Descriptions.DIGITRON,
                Map.of("siteId", json(SITE)), Map.of("idpName", json("\"okta\""))));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("parameters.idpName");
    }

    @Test
    void resolve_immutableUnchangedOrFirstInstall_accepted() {
        Map<String, JsonValue> supplied = Map.of("siteId", json(SITE), "idpName", json("\"okta\""));

        assertThat(resolve(Descriptions.DIGITRON, supplied, Map.of("idpName", json("\"okta\""))).values())
                .containsEntry("idpName", json("\"okta\""));
        assertThat(resolve(Descriptions.DIGITRON, supplied, NONE).values()).containsEntry("idpName",
                json("\"okta\""));
    }

    @Test
    void resolve_mutableChangedAfterInstall_accepted() {
        Map<String, JsonValue> supplied = Map.of("siteId", json(SITE), "pollFrequency", json("60"));

        assertThat(resolve(Descriptions.DIGITRON, supplied, Map.of("pollFrequency", json("30"))).values())
                .containsEntry("pollFrequency", json("60"));
    }

    @Test
    void resolve_parameterWithoutSetting_acceptsAnyParameterShapedValueOnly() {
        String noSetting = digitronWith(
                "        - parameter: logLevel\n          name: Log level\n          schema: logLevels\n", "");

        assertThat(resolve(noSetting, Map.of("siteId", json(SITE), "logLevel", json("[1, 2]")), NONE).values())
                .containsEntry("logLevel", json("[1, 2]"));
        assertThat(errors(noSetting, Map.of("siteId", json(SITE), "logLevel", json("{\"a\": 1}"))))
                .containsExactly(new FieldError("parameters.logLevel",
                        "must be a string, number or boolean, or an array of them"));
    }
}
