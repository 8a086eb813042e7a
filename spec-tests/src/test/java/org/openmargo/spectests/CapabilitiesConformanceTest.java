package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PUT}/{@code DELETE /api/v1/capabilities/{deviceId}} (spec a.2, a.3, e). */
class CapabilitiesConformanceTest {
    private static Target target;

    @BeforeAll
    static void start() throws Exception {
        target = Target.get();
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void put_newDevice_is201ThenReplaceIs200() throws Exception {
        String id = fresh("dev");
        assertThat(target.device.putJson("/api/v1/capabilities/" + id, Checks.hostingCapabilities(id)).statusCode())
                .isEqualTo(201);
        assertThat(target.device.putJson("/api/v1/capabilities/" + id, Checks.hostingCapabilities(id)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void put_childBeforeParent_is404GatewayNotFound() throws Exception {
        String child = fresh("gw") + "/dev1";
        Checks.problem(target.device.putJson("/api/v1/capabilities/" + child, Checks.hostingCapabilities(child)),
                404, "gateway-not-found");
    }

    @Test
    void put_childAfterSeeThruGateway_is201() throws Exception {
        String gw = fresh("gw");
        assertThat(target.device.putJson("/api/v1/capabilities/" + gw, Checks.gatewayCapabilities(gw)).statusCode())
                .isEqualTo(201);
        String child = gw + "/plc-1";
        assertThat(target.device.putJson("/api/v1/capabilities/" + child, Checks.hostingCapabilities(child))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void put_propertiesIdDiffersFromPath_is422WithErrors() throws Exception {
        String id = fresh("dev");
        var body = Checks.problem(target.device.putJson("/api/v1/capabilities/" + id,
                Checks.hostingCapabilities("someone-else")), 422, "semantic-error");
        assertThat(body.getJsonArray("errors")).isNotEmpty();
    }

    @Test
    void put_unknownArchitecture_is422() throws Exception {
        String id = fresh("dev");
        String json = Checks.hostingCapabilities(id).replace("\"arm64\"", "\"sparc\"");
        Checks.problem(target.device.putJson("/api/v1/capabilities/" + id, json), 422, "semantic-error");
    }

    @Test
    void put_otelCollectorFalse_isAccepted() throws Exception {
        // rc.3 types otelCollector as a plain boolean; "a hosting device MUST report true" binds the device.
        String id = fresh("dev");
        String json = Checks.hostingCapabilities(id).replace("\"otelCollector\":true", "\"otelCollector\":false");
        assertThat(json).contains("\"otelCollector\":false");
        assertThat(target.device.putJson("/api/v1/capabilities/" + id, json).statusCode()).isEqualTo(201);
    }

    @Test
    void put_unknownRuntimeAndDeploymentType_isAccepted() throws Exception {
        // Spec e: a WFM MUST map unknown supportedRuntimes / supportedDeploymentTypes values to custom.
        String id = fresh("dev");
        String json = Checks.hostingCapabilities(id)
                .replace("\"supportedRuntimes\":[", "\"supportedRuntimes\":[\"wasm\",")
                .replace("\"supportedDeploymentTypes\":[", "\"supportedDeploymentTypes\":[\"kustomize\",");
        assertThat(json).contains("\"wasm\"", "\"kustomize\"");
        assertThat(target.device.putJson("/api/v1/capabilities/" + id, json).statusCode()).isEqualTo(201);
    }

    @Test
    void put_unparsableBody_is400InvalidRequest() throws Exception {
        String id = fresh("dev");
        Checks.problem(target.device.putJson("/api/v1/capabilities/" + id, "{\"properties\": {"), 400,
                "invalid-request");
    }

    @Test
    void put_percentEncodedSlash_isRefusedWithoutServerError() throws Exception {
        HttpResponse<byte[]> r = target.device.putJson("/api/v1/capabilities/gw%2Fdev",
                Checks.hostingCapabilities("gw/dev"));
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(Checks.header(r, "Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void delete_registeredDevice_is204ThenUnknownIs404() throws Exception {
        String id = fresh("dev");
        target.device.putJson("/api/v1/capabilities/" + id, Checks.hostingCapabilities(id));
        assertThat(target.device.delete("/api/v1/capabilities/" + id).statusCode()).isEqualTo(204);
        Checks.problem(target.device.delete("/api/v1/capabilities/" + id), 404, "device-not-found");
    }

    @Test
    void delete_anotherClientsDevice_is404() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(target.other.isPresent(), "needs a second client");
        String id = fresh("dev");
        target.device.putJson("/api/v1/capabilities/" + id, Checks.hostingCapabilities(id));
        Checks.problem(target.other.get().delete("/api/v1/capabilities/" + id), 404, "device-not-found");
    }
}
