package org.openmargo.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonValue;

class YamlParseTest {

    static final String HELM_DEPLOYMENT = """
            # ApplicationDeployment as stored by the WFM (rc.3)
            ---
            id: a3e2f5dc-912e-494f-8395-52cf3769bc06   # == deployments[].deploymentId
            metadata:
              name: digitron-orchestrator-deployment
              namespace: margo-poc
              deviceId: "gateway1/deviceA"
              labels: {tier: edge, "site": 'SID-123'}
            spec:
              applicationId: com-northstartida-digitron-orchestrator
              deploymentProfile:
                type: helm
                components:
                  - name: database-services
                    properties:
                      repository: oci://quay.io/charts/realtime-database-services
                      revision: 2.3.7
                      timeout: 8m30s
                      wait: true
                  - name: digitron-orchestrator
                    properties:
                      repository: "oci://northstarida.azurecr.io/charts/orchestrator"
                      revision: 1.0.9_build.1
                      wait: false
                deviceConstraints:
                  capacityRequirements:
                    cpu: {cores: 1.5, architectures: [amd64, arm64]}
                    memory: "1024Mi"
                    storage: 5Gi
                  eligibilityRules:
                    - propertySelector:
                        matchExpressions:
                          - {key: /vendor, operator: In, values: [acme, "globex"]}
                          - key: /gpu
                            operator: Exists
              parameters:
                cpuLimit:
                  value: "4"
                  targets:
                    - pointer: settings.limits.cpu
                      components: [digitron-orchestrator]
                pollFrequency:
                  value: 120
                  targets:
                  - pointer: settings.pollFrequency
                    components:
                    - digitron-orchestrator
                    - database-services
                banner:
                  value: |
                    Welcome, operator.
                      Indented line.
                  targets: []
            """;

    static final String HELM_JSON = """
            {"id":"a3e2f5dc-912e-494f-8395-52cf3769bc06",
             "metadata":{"name":"digitron-orchestrator-deployment","namespace":"margo-poc",
               "deviceId":"gateway1/deviceA","labels":{"tier":"edge","site":"SID-123"}},
             "spec":{"applicationId":"com-northstartida-digitron-orchestrator",
               "deploymentProfile":{"type":"helm","components":[
                 {"name":"database-services","properties":{"repository":"oci://quay.io/charts/realtime-database-services",
                   "revision":"2.3.7","timeout":"8m30s","wait":true}},
                 {"name":"digitron-orchestrator","properties":{
                   "repository":"oci://northstarida.azurecr.io/charts/orchestrator","revision":"1.0.9_build.1",
                   "wait":false}}],
                 "deviceConstraints":{"capacityRequirements":{"cpu":{"cores":1.5,"architectures":["amd64","arm64"]},
                   "memory":"1024Mi","storage":"5Gi"},
                   "eligibilityRules":[{"propertySelector":{"matchExpressions":[
                     {"key":"/vendor","operator":"In","values":["acme","globex"]},
                     {"key":"/gpu","operator":"Exists"}]}}]}},
               "parameters":{
                 "cpuLimit":{"value":"4","targets":[{"pointer":"settings.limits.cpu",
                   "components":["digitron-orchestrator"]}]},
                 "pollFrequency":{"value":120,"targets":[{"pointer":"settings.pollFrequency",
                   "components":["digitron-orchestrator","database-services"]}]},
                 "banner":{"value":"Welcome, operator.\\n  Indented line.\\n","targets":[]}}}}
            """;

    static final String COMPOSE_DEPLOYMENT = """
            %YAML 1.2
            ---
            id: ad9b614e-8912-45f4-a523-372358765def
            metadata:
                name: 'digitron-orchestrator-docker'
                namespace: margo-poc
                deviceId: edge-01
            spec:
                applicationId: digitron-orchestrator
                deploymentProfile:
                    type: compose
                    components:
                        - name: digitron-orchestrator-docker
                          properties:
                            repository: oci://northstarida.azurecr.io/compose/digitron
                            revision: 1.2.0
                parameters:
                    adminName:
                        value: Some One   # a plain scalar with a space
                        targets:
                            - pointer: ENV.ADMIN_NAME
                              components: ["digitron-orchestrator-docker"]
                    retries:
                        value: [1, 2, 3]
                        targets: []
            ...
            """;

    static final String COMPOSE_JSON = """
            {"id":"ad9b614e-8912-45f4-a523-372358765def",
             "metadata":{"name":"digitron-orchestrator-docker","namespace":"margo-poc","deviceId":"edge-01"},
             "spec":{"applicationId":"digitron-orchestrator",
               "deploymentProfile":{"type":"compose","components":[{"name":"digitron-orchestrator-docker",
                 "properties":{"repository":"oci://northstarida.azurecr.io/compose/digitron","revision":"1.2.0"}}]},
               "parameters":{
                 "adminName":{"value":"Some One","targets":[{"pointer":"ENV.ADMIN_NAME",
                   "components":["digitron-orchestrator-docker"]}]},
                 "retries":{"value":[1,2,3],"targets":[]}}}}
            """;

    static JsonValue yaml(String text) throws YamlParseException {
        return Yaml.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_helmDeployment_matchesExpectedTree() throws Exception {
        assertThat(yaml(HELM_DEPLOYMENT)).isEqualTo(Json.parse(HELM_JSON));
    }

    @Test
    void parse_composeDeploymentWithDirectiveAndEndMarker_matchesExpectedTree() throws Exception {
        assertThat(yaml(COMPOSE_DEPLOYMENT)).isEqualTo(Json.parse(COMPOSE_JSON));
    }

    @Test
    void parse_crlfAndBom_sameTreeAsLf() throws Exception {
        String crlf = "\ufeff" + HELM_DEPLOYMENT.replace("\n", "\r\n");
        assertThat(yaml(crlf)).isEqualTo(Json.parse(HELM_JSON));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "~|null", "null|null", "NULL|null", "``|null", "true|true", "False|false", "TRUE|true",
        "yes|\"yes\"", "on|\"on\"", "tRue|\"tRue\"",
        "42|42", "+42|42", "-0|-0", "007|7", "0o17|15", "0x1F|31", "18446744073709551615|18446744073709551615",
        "1.0|1.0", "+.5|0.5", "1.|1.0", "-2.50e+3|-2.50e+3", "1e5|1e5", "00.5|0.5",
        "1.2.3|\"1.2.3\"", "8m30s|\"8m30s\"", "0x|\"0x\"", "0b101|\"0b101\"", "1_000|\"1_000\"",
        "'quoted'|\"quoted\"", "'it''s'|\"it's\"", "'\"q\"'|\"\\\"q\\\"\"", "\"a # b\"|\"a # b\"", "a#b|\"a#b\"",
        "\"\\t\\x41\\u00e9\\U0001F600\\\\\"|\"\\tAé😀\\\\\"", "oci://x:1/y|\"oci://x:1/y\"",
        "[a, 'b', 3, [], {}]|[\"a\",\"b\",3,[],{}]", "{a: [1, {b: }], 'c': x,}|{\"a\":[1,{\"b\":null}],\"c\":\"x\"}",
    })
    void parse_scalarAndFlowValues_resolveByCoreSchema(String yamlValue, String json) throws Exception {
        assertThat(yaml("v: " + yamlValue + "\n")).isEqualTo(Json.parse("{\"v\":" + json + "}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "|       ; a\\n  b\\n\\nc\\n",
        "|-      ; a\\n  b\\n\\nc",
        "|+      ; a\\n  b\\n\\nc\\n\\n",
        ">       ; a\\n  b\\n\\nc\\n",
        ">-      ; a\\n  b\\n\\nc",
    })
    void parse_blockScalars_applyFoldingAndChomping(String header, String expected) throws Exception {
        String doc = "k: " + header + "\n  a\n    b\n\n  c\n\nnext: 1\n";
        String want = expected.replace("\\n", "\n");
        assertThat(yaml(doc)).isEqualTo(Json.parse(Json.write(
                org.openmargo.agent.json.JsonObject.builder().put("k", want).put("next", 1L).build())));
    }

    @Test
    void parse_foldedParagraph_joinsLinesWithSpaces() throws Exception {
        assertThat(yaml("- >\n  one\n  two\n\n  three\n")).isEqualTo(Json.parse("[\"one two\\nthree\\n\"]"));
    }

    @Test
    void parse_emptyAndCommentOnlyDocuments_areNull() throws Exception {
        assertThat(yaml("")).isEqualTo(Json.parse("null"));
        assertThat(yaml("# nothing\n---\n...\n")).isEqualTo(Json.parse("null"));
    }

    @Test
    void parse_nestedCompactSequencesAndEmptyValues_buildTree() throws Exception {
        assertThat(yaml("- - a\n  - b\n- \n- k:\n  j: ~\n")).isEqualTo(
                Json.parse("[[\"a\",\"b\"],null,{\"k\":null,\"j\":null}]"));
    }
}
