package org.openmargo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openmargo.agent.runtime.Deployments.ID;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.yaml.Yaml;
import org.openmargo.agent.yaml.YamlParseException;

class DeploymentSpecTest {
    private static final String FULL = """
            {"id":"6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
             "metadata":{"name":"shop","namespace":"retail","deviceId":"gw1/devA","labels":{"a":"b"}},
             "spec":{"applicationId":"shop",
               "deploymentProfile":{"type":"compose","components":[
                 {"name":"web","properties":{"repository":"oci://r.example.com/web","revision":"1.2.3-rc.1_build.5",
                   "wait":"false","timeout":"8m30s"},"x-acme-extensions":{"k":1}},
                 {"name":"db","properties":{"repository":"oci://r.example.com/db","revision":"2.0.0"}}],
                 "deviceConstraints":{"capacityRequirements":{"memory":"1024Mi"}}},
               "parameters":{"ports":{"value":[80,443],"targets":[{"pointer":"PORTS","components":["web"]}]}},
               "x-acme-extensions":{}}}
            """;

    @Test
    void parse_fullDocument_readsEveryField() {
        DeploymentSpec spec = DeploymentSpec.parse(Deployments.parseJson(FULL));

        assertThat(spec.id()).isEqualTo(ID);
        assertThat(spec.name()).isEqualTo("shop");
        assertThat(spec.namespace()).contains("retail");
        assertThat(spec.deviceId()).isEqualTo("gw1/devA");
        assertThat(spec.type()).isEqualTo(DeploymentSpec.ProfileType.COMPOSE);
        assertThat(spec.components()).containsExactly(
                new ComponentSpec("web", "oci://r.example.com/web", "1.2.3-rc.1+build.5", false, Duration.ofSeconds(510)),
                new ComponentSpec("db", "oci://r.example.com/db", "2.0.0", true, Duration.ofMinutes(10)));
        assertThat(spec.valuesFor("web")).isEqualTo(Map.of("PORTS",
                new JsonArray(List.of(JsonNumber.of(80), JsonNumber.of(443)))));
        assertThat(spec.valuesFor("db")).isEmpty();
        assertThat(spec.deviceConstraints()).contains(Deployments.parseJson(
                "{\"capacityRequirements\":{\"memory\":\"1024Mi\"}}"));
    }

    @Test
    void parse_noDeviceConstraints_isEmpty() {
        DeploymentSpec spec = DeploymentSpec.parse(Deployments.parseJson(FULL
                .replaceAll(",\\s*\"deviceConstraints\":\\{\"capacityRequirements\":\\{\"memory\":\"1024Mi\"}}", "")));

        assertThat(spec.deviceConstraints()).isEmpty();
    }

    @Test
    void parse_deviceConstraintsNotAnObject_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace(
                "{\"capacityRequirements\":{\"memory\":\"1024Mi\"}}", "[]"))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("spec.deploymentProfile.deviceConstraints")
                .hasMessageContaining("expected an object but got []");
    }

    @Test
    void parse_noNamespaceNoParameters_isValid() {
        DeploymentSpec spec = DeploymentSpec.parse(Deployments.parseJson(FULL
                .replace("\"namespace\":\"retail\",", "")
                .replace(",\n   \"parameters\":{\"ports\":{\"value\":[80,443],\"targets\":[{\"pointer\":\"PORTS\","
                        + "\"components\":[\"web\"]}]}}", "")));

        assertThat(spec.namespace()).isEqualTo(Optional.empty());
        assertThat(spec.parameters()).isEmpty();
    }

    @Test
    void parse_badTimeout_namesTheMember() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace("8m30s", "10 minutes"))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.deploymentProfile.components[0].properties.timeout: expected <minutes>m<seconds>s "
                        + "but got \"10 minutes\"");
    }

    @Test
    void parse_leadingVRevision_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace("\"2.0.0\"", "\"v2.0.0\""))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.deploymentProfile.components[1].properties.revision: expected a SemVer 2.0 version "
                        + "but got \"v2.0.0\"");
    }

    @Test
    void parse_repositoryNotOci_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(
                FULL.replace("oci://r.example.com/db", "https://r.example.com/db"))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.deploymentProfile.components[1].properties.repository: expected oci://… "
                        + "but got \"https://r.example.com/db\"");
    }

    @Test
    void parse_targetNamesUnknownComponent_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace("[\"web\"]", "[\"cache\"]"))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.parameters.ports.targets[0].components: expected a component of this deployment "
                        + "but got \"cache\"");
    }

    @Test
    void parse_duplicateComponentName_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace("\"name\":\"db\"",
                "\"name\":\"web\""))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.deploymentProfile.components[1].name: duplicate name web");
    }

    @Test
    void parse_idNotUuid_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace(ID, "shop-1"))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("id: expected a UUID but got \"shop-1\"")
                .extracting(e -> ((InvalidDeploymentException) e).path()).isEqualTo("id");
    }

    @Test
    void parse_waitNumber_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(FULL.replace("\"false\"", "0"))))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.deploymentProfile.components[0].properties.wait: expected true or false but got 0");
    }

    @Test
    void parse_missingComponents_isRejected() {
        assertThatThrownBy(() -> DeploymentSpec.parse(Deployments.parseJson(
                "{\"id\":\"" + ID + "\",\"metadata\":{\"name\":\"s\",\"deviceId\":\"d\"},"
                        + "\"spec\":{\"deploymentProfile\":{\"type\":\"helm\"}}}")))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessage("spec.deploymentProfile.components: expected an array but got nothing");
    }

    @Test
    void parse_yamlFromTheAgentParser_readsTypedValues() throws YamlParseException {
        String yaml = """
                id: 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b
                metadata:
                  name: shop
                  namespace: retail
                  deviceId: gw1/*
                spec:
                  applicationId: shop
                  deploymentProfile:
                    type: helm
                    components:
                      - name: web
                        properties:
                          repository: oci://r.example.com/charts/web
                          revision: 1.2.3_build.5
                          wait: true
                          timeout: 0m45s
                  parameters:
                    replicas:
                      value: 3
                      targets:
                        - pointer: web.replicaCount
                          components: [web]
                """;

        DeploymentSpec spec = DeploymentSpec.parse((JsonObject) Yaml.parse(yaml.getBytes(StandardCharsets.UTF_8)));

        assertThat(spec.deviceId()).isEqualTo("gw1/*");
        assertThat(spec.components()).containsExactly(new ComponentSpec("web", "oci://r.example.com/charts/web",
                "1.2.3+build.5", true, Duration.ofSeconds(45)));
        assertThat(spec.valuesFor("web")).containsExactly(Map.entry("web.replicaCount", JsonNumber.of(3)));
    }

    @Test
    void valuesFor_stringValue_isKeptAsJson() {
        DeploymentSpec spec = DeploymentSpec.parse(Deployments.parseJson(Deployments.document(ID,
                "\"tag\":{\"value\":\"v1\",\"targets\":[{\"pointer\":\"image.tag\",\"components\":[\"web\"]}]}",
                "web:1.0.0")));

        assertThat(spec.valuesFor("web")).containsExactly(Map.entry("image.tag", new JsonString("v1")));
    }
}
