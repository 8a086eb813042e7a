package org.openmargo.wfm.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import io.helidon.common.parameters.Parameters;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class ParameterFieldsTest {
    @Test
    void of_settingAndSchema_labelDefaultAndLimitsPerParameter() {
        List<Map<String, Object>> fields = ParameterFields.of(Json.createReader(new StringReader("""
                {"parameters": {"siteName": {"value": "Plant 7", "targets": []}, "replicas": {"targets": []}},
                 "configuration": {"sections": [{"name": "General", "settings": [
                     {"parameter": "siteName", "name": "Site name", "description": "Shown", "schema": "short"},
                     {"parameter": "replicas", "name": "Replicas", "schema": "count"}]}],
                   "schema": [{"name": "short", "dataType": "string", "minLength": 1, "maxLength": 45},
                              {"name": "count", "dataType": "integer", "minValue": 1, "maxValue": 9}]}}
                """)).readObject());

        assertThat(fields).hasSize(2);
        assertThat(fields.get(0)).containsEntry("name", "siteName").containsEntry("label", "Site name")
                .containsEntry("value", "Plant 7").containsEntry("kind", "string").containsEntry("maxLength", "45")
                .containsEntry("required", true).containsEntry("number", false);
        assertThat(fields.get(1)).containsEntry("name", "replicas").containsEntry("value", "")
                .containsEntry("kind", "integer").containsEntry("number", true).containsEntry("maxValue", "9");
    }

    @Test
    void values_typedByKind_andTextWhenNotOfItsKind() {
        Parameters form = Parameters.create("form", Map.ofEntries(
                Map.entry("param:site", List.of("Plant 7")),
                Map.entry("kind:site", List.of("string")),
                Map.entry("param:replicas", List.of("3")),
                Map.entry("kind:replicas", List.of("integer")),
                Map.entry("param:ratio", List.of("half")),
                Map.entry("kind:ratio", List.of("double")),
                Map.entry("param:debug", List.of("true")),
                Map.entry("kind:debug", List.of("boolean")),
                Map.entry("param:ports", List.of("[80, 443]")),
                Map.entry("kind:ports", List.of("json")),
                Map.entry("_csrf", List.of("x"))));

        assertThat(ParameterFields.values(form).build()).isEqualTo(Json.createReader(new StringReader("""
                {"site": "Plant 7", "replicas": 3, "ratio": "half", "debug": true, "ports": [80, 443]}
                """)).readObject());
    }

    @Test
    void of_selectSettings_dropDownAndCheckboxesWithTheSchemasOptions() {
        List<Map<String, Object>> fields = ParameterFields.of(Json.createReader(new StringReader("""
                {"parameters": {"mode": {"value": "fast"}, "zones": {"value": ["a", "c"]}},
                 "configuration": {"sections": [{"name": "General", "settings": [
                     {"parameter": "mode", "name": "Mode", "schema": "modes"},
                     {"parameter": "zones", "name": "Zones", "schema": "zones"}]}],
                   "schema": [{"name": "modes", "dataType": "string", "allowEmpty": true,
                               "options": ["fast", "safe"]},
                              {"name": "zones", "dataType": "array[string]", "multiselect": true,
                               "options": ["a", "b", "c"]}]}}
                """)).readObject());

        assertThat(fields.get(0)).containsEntry("select", true).containsEntry("multiselect", false)
                .containsEntry("kind", "string").containsEntry("allowEmpty", true)
                .containsEntry("options", List.of(
                        Map.of("option", "fast", "chosen", true, "optionId", "param-mode-0"),
                        Map.of("option", "safe", "chosen", false, "optionId", "param-mode-1")));
        assertThat(fields.get(1)).containsEntry("select", false).containsEntry("multiselect", true)
                .containsEntry("kind", "multi:string");
        @SuppressWarnings("unchecked")
        List<Object> chosen = ((List<Map<String, Object>>) fields.get(1).get("options")).stream()
                .map(o -> o.get("chosen")).toList();
        assertThat(chosen).containsExactly(true, false, true);
    }

    @Test
    void values_multiselect_arrayOfCheckedOptionsTypedAndEmptyWhenNoneChecked() {
        Parameters form = Parameters.create("form", Map.ofEntries(
                Map.entry("param:zones", List.of("a", "c")),
                Map.entry("kind:zones", List.of("multi:string")),
                Map.entry("param:ports", List.of("80", "443")),
                Map.entry("kind:ports", List.of("multi:integer")),
                Map.entry("kind:none", List.of("multi:string")),
                Map.entry("param:mode", List.of("safe")),
                Map.entry("kind:mode", List.of("string"))));

        assertThat(ParameterFields.values(form).build()).isEqualTo(Json.createReader(new StringReader("""
                {"zones": ["a", "c"], "ports": [80, 443], "none": [], "mode": "safe"}
                """)).readObject());
    }
}
