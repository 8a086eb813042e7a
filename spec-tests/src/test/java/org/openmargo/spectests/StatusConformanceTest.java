package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/deployments/{deploymentId}/status} (spec a.7, d). */
class StatusConformanceTest {
    private static Target target;
    private static String deploymentId;
    private static String version;

    @BeforeAll
    static void arrange() throws Exception {
        target = Target.get();
        Assumptions.assumeTrue(target.operator.isPresent(), "needs an operator fixture to create a deployment");
        UUID id = UUID.randomUUID();
        JsonObject put = target.operator.get().putDeployment(target.deviceClientId,
                Checks.deploymentYaml(id, "dev-1", "3.0.0", "db", "web"));
        deploymentId = id.toString();
        version = put.getString("manifestVersion");
    }

    private static String report(String id, Object adopted, String overall, String db, String web) {
        return """
                {"deploymentId":"%s","deviceId":"dev-1","adoptedManifestVersion":%s,
                 "status":{"state":"%s"},
                 "components":[{"name":"db","state":"%s"},{"name":"web","state":"%s"}]}"""
                .formatted(id, adopted, overall, db, web);
    }

    private static String path() {
        return "/api/v1/deployments/" + deploymentId + "/status";
    }

    @Test
    void status_firstReportThenUpdate_is201Then200() throws Exception {
        UUID id = UUID.randomUUID();
        var put = target.operator.get().putDeployment(target.deviceClientId,
                Checks.deploymentYaml(id, "dev-1", "3.0.0", "db", "web"));
        String p = "/api/v1/deployments/" + id + "/status";
        String v = put.getString("manifestVersion");
        assertThat(target.device.postJson(p, report(id.toString(), v, "installing", "installed", "installing"))
                .statusCode()).isEqualTo(201);
        assertThat(target.device.postJson(p, report(id.toString(), v, "installed", "installed", "installed"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void status_versionAsNumericString_isAccepted() throws Exception {
        assertThat(target.device.postJson(path(), report(deploymentId, '"' + version + '"', "pending", "pending",
                "installed")).statusCode()).isIn(200, 201);
    }

    @Test
    void status_bodyIdDiffersFromPath_is422() throws Exception {
        Checks.problem(target.device.postJson(path(), report(UUID.randomUUID().toString(), version, "installed",
                "installed", "installed")), 422, "semantic-error");
    }

    @Test
    void status_overallNotMostSevere_is422() throws Exception {
        Checks.problem(target.device.postJson(path(), report(deploymentId, version, "installed", "failed",
                "installed")), 422, "semantic-error");
    }

    @Test
    void status_unknownState_is422() throws Exception {
        Checks.problem(target.device.postJson(path(), report(deploymentId, version, "running", "installed",
                "installed")), 422, "semantic-error");
    }

    @Test
    void status_missingComponent_is422() throws Exception {
        String body = """
                {"deploymentId":"%s","adoptedManifestVersion":%s,"status":{"state":"installed"},
                 "components":[{"name":"db","state":"installed"}]}""".formatted(deploymentId, version);
        Checks.problem(target.device.postJson(path(), body), 422, "semantic-error");
    }

    @Test
    void status_unknownDeployment_is422() throws Exception {
        String other = UUID.randomUUID().toString();
        Checks.problem(target.device.postJson("/api/v1/deployments/" + other + "/status",
                report(other, version, "installed", "installed", "installed")), 422, "semantic-error");
    }

    @Test
    void status_malformedJson_is400() throws Exception {
        Checks.problem(target.device.postJson(path(), "{\"deploymentId\": "), 400, "invalid-request");
    }

    @Test
    void status_forAnotherClientsDeployment_isRefused() throws Exception {
        Assumptions.assumeTrue(target.other.isPresent(), "needs a second client");
        var r = target.other.get().postJson(path(), report(deploymentId, version, "installed", "installed",
                "installed"));
        assertThat(r.statusCode()).isEqualTo(422);
    }
}
