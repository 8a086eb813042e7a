package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Content-addressed deployment YAMLs and bundles (spec a.5, a.6, c.3, c.6). */
class ArtifactsConformanceTest {
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";
    private static Target target;
    private static JsonObject manifest;

    @BeforeAll
    static void arrange() throws Exception {
        target = Target.get();
        Assumptions.assumeTrue(target.operator.isPresent(), "needs an operator fixture to create deployments");
        target.operator.get().putDeployment(target.deviceClientId,
                Checks.deploymentYaml(UUID.randomUUID(), "dev-1", "2.0.0", "db", "web"));
        target.operator.get().putDeployment(target.deviceClientId,
                Checks.deploymentYaml(UUID.randomUUID(), "dev-2", "0.9.1", "edge"));
        manifest = ManifestConformanceTest.checkedManifest(target.device.get("/api/v1/deployments"));
    }

    @Test
    void deploymentYaml_byManifestUrl_isExactBytesWithImmutableCaching() throws Exception {
        for (JsonValue v : manifest.getJsonArray("deployments")) {
            JsonObject d = v.asJsonObject();
            HttpResponse<byte[]> r = target.device.get(d.getString("url"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Device.sha256(r.body())).isEqualTo(d.getString("digest"));
            assertThat(Checks.header(r, "Content-Type")).isEqualTo("application/yaml");
            assertThat(Checks.header(r, "ETag")).isEqualTo('"' + d.getString("digest") + '"');
            assertThat(Checks.header(r, "Cache-Control")).isEqualTo(IMMUTABLE);
            HttpResponse<byte[]> again = target.device.get(d.getString("url"), "If-None-Match",
                    '"' + d.getString("digest") + '"');
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void bundle_holdsExactlyTheManifestYamlsByteForByte() throws Exception {
        JsonObject bundle = manifest.getJsonObject("bundle");
        HttpResponse<byte[]> r = target.device.get(bundle.getString("url"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Checks.header(r, "Content-Type")).isEqualTo(Checks.BUNDLE_TYPE);
        assertThat(Device.sha256(r.body())).isEqualTo(bundle.getString("digest"));
        assertThat(Checks.header(r, "ETag")).isEqualTo('"' + bundle.getString("digest") + '"');
        assertThat(Checks.header(r, "Cache-Control")).isEqualTo(IMMUTABLE);
        Map<String, byte[]> entries = TarGz.entries(r.body());
        var entryDigests = entries.values().stream().map(Device::sha256).collect(Collectors.toSet());
        var manifestDigests = manifest.getJsonArray("deployments").stream()
                .map(v -> v.asJsonObject().getString("digest")).collect(Collectors.toSet());
        assertThat(entryDigests).isEqualTo(manifestDigests);
        assertThat(entries).hasSize(manifestDigests.size());
        HttpResponse<byte[]> again = target.device.get(bundle.getString("url"), "If-None-Match",
                '"' + bundle.getString("digest") + '"');
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void deploymentYaml_unknownDigest_is404DeploymentNotFound() throws Exception {
        String id = manifest.getJsonArray("deployments").getJsonObject(0).getString("deploymentId");
        Checks.problem(target.device.get("/api/v1/deployments/" + id + "/sha256:" + "a".repeat(64)), 404,
                "deployment-not-found");
        Checks.problem(target.device.get("/api/v1/deployments/" + id + "/not-a-digest"), 404, "deployment-not-found");
    }

    @Test
    void bundle_unknownDigest_is404InvalidBundle() throws Exception {
        Checks.problem(target.device.get("/api/v1/bundles/sha256:" + "b".repeat(64)), 404, "invalid-bundle");
        Checks.problem(target.device.get("/api/v1/bundles/md5:1234"), 404, "invalid-bundle");
    }

    @Test
    void artifacts_ofClientA_areNotServedToClientB() throws Exception {
        Assumptions.assumeTrue(target.other.isPresent(), "needs a second client");
        JsonObject d = manifest.getJsonArray("deployments").getJsonObject(0);
        Checks.problem(target.other.get().get(d.getString("url")), 404, "deployment-not-found");
        Checks.problem(target.other.get().get(manifest.getJsonObject("bundle").getString("url")), 404,
                "invalid-bundle");
    }

    @Test
    void getOnStatusPath_isAClientErrorNotADigestLookup() throws Exception {
        String id = manifest.getJsonArray("deployments").getJsonObject(0).getString("deploymentId");
        HttpResponse<byte[]> r = target.device.get("/api/v1/deployments/" + id + "/status");
        assertThat(r.statusCode()).isIn(404, 405);
        assertThat(Checks.header(r, "Content-Type")).isEqualTo("application/problem+json");
    }
}
