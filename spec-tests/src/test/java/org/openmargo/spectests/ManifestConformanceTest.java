package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/deployments}: the State Manifest (spec a.4, c.4, c.5). */
class ManifestConformanceTest {
    private static Target target;

    @BeforeAll
    static void start() throws Exception {
        target = Target.get();
    }

    static JsonObject checkedManifest(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Checks.header(r, "Content-Type")).isEqualTo(Checks.MANIFEST_TYPE);
        assertThat(Checks.header(r, "ETag")).isEqualTo('"' + Device.sha256(r.body()) + '"');
        assertThat(Checks.header(r, "Cache-Control")).isEqualTo("private");
        JsonObject m = Device.json(r);
        assertThat(m.getJsonNumber("manifestVersion").isIntegral()).isTrue();
        assertThat(m.getJsonNumber("manifestVersion").bigIntegerValueExact()).isGreaterThanOrEqualTo(BigInteger.ONE);
        assertThat(m).containsKey("bundle");
        boolean empty = m.getJsonArray("deployments").isEmpty();
        assertThat(m.get("bundle") == JsonValue.NULL).as("bundle is null exactly when deployments is empty").isEqualTo(empty);
        if (!empty) {
            JsonObject bundle = m.getJsonObject("bundle");
            assertThat(bundle.getString("mediaType")).isEqualTo(Checks.BUNDLE_TYPE);
            assertThat(bundle.getString("digest")).matches("sha256:[0-9a-f]{64}");
            assertThat(bundle.getString("url")).isEqualTo("/api/v1/bundles/" + bundle.getString("digest"));
        }
        for (JsonValue v : m.getJsonArray("deployments")) {
            JsonObject d = v.asJsonObject();
            assertThat(d.getString("digest")).matches("sha256:[0-9a-f]{64}");
            assertThat(d.getString("url"))
                    .isEqualTo("/api/v1/deployments/" + d.getString("deploymentId") + "/" + d.getString("digest"));
        }
        return m;
    }

    @Test
    void manifest_withoutAccept_is200WithExactHeadersAndEtagOverBody() throws Exception {
        checkedManifest(target.device.get("/api/v1/deployments"));
    }

    @Test
    void manifest_acceptingManifestType_is200() throws Exception {
        checkedManifest(target.device.get("/api/v1/deployments", "Accept", Checks.MANIFEST_TYPE));
    }

    @Test
    void manifest_acceptingAnything_is200() throws Exception {
        checkedManifest(target.device.get("/api/v1/deployments", "Accept", "*/*"));
    }

    @Test
    void manifest_acceptingOnlyPlainJson_is406() throws Exception {
        Checks.problem(target.device.get("/api/v1/deployments", "Accept", "application/json"), 406,
                "server-cannot-generate-response");
    }

    @Test
    void manifest_matchingIfNoneMatch_is304WithEmptyBody() throws Exception {
        HttpResponse<byte[]> first = target.device.get("/api/v1/deployments");
        String etag = Checks.header(first, "ETag");
        HttpResponse<byte[]> second = target.device.get("/api/v1/deployments", "If-None-Match", etag);
        if (second.statusCode() == 200) {
            // the manifest changed in between (another check added a deployment): the new one must differ
            assertThat(Checks.header(second, "ETag")).isNotEqualTo(etag);
            return;
        }
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
        assertThat(Checks.header(second, "ETag")).isEqualTo(etag);
    }

    @Test
    void manifest_staleIfNoneMatch_is200() throws Exception {
        HttpResponse<byte[]> r = target.device.get("/api/v1/deployments", "If-None-Match",
                "\"sha256:" + "0".repeat(64) + "\"");
        checkedManifest(r);
    }

    @Test
    void manifest_onEveryChange_versionStrictlyIncreasesAndDeploymentComesAndGoes() throws Exception {
        Assumptions.assumeTrue(target.operator.isPresent(), "needs an operator fixture to change desired state");
        BigInteger v0 = version(checkedManifest(target.device.get("/api/v1/deployments")));
        UUID id = UUID.randomUUID();
        target.operator.get().putDeployment(target.deviceClientId, Checks.deploymentYaml(id, "dev-1", "1.0.0", "web"));
        JsonObject m1 = checkedManifest(target.device.get("/api/v1/deployments"));
        assertThat(version(m1)).isGreaterThan(v0);
        assertThat(ids(m1)).contains(id.toString());

        target.operator.get().putDeployment(target.deviceClientId, Checks.deploymentYaml(id, "dev-1", "1.1.0", "web"));
        JsonObject m2 = checkedManifest(target.device.get("/api/v1/deployments"));
        assertThat(version(m2)).isGreaterThan(version(m1));

        target.operator.get().removeDeployment(target.deviceClientId, id.toString());
        JsonObject m3 = checkedManifest(target.device.get("/api/v1/deployments"));
        assertThat(version(m3)).isGreaterThan(version(m2));
        assertThat(ids(m3)).doesNotContain(id.toString());
    }

    @Test
    void manifest_ofAnotherClient_neverShowsThisClientsDeployments() throws Exception {
        Assumptions.assumeTrue(target.operator.isPresent() && target.other.isPresent(), "needs operator and 2nd client");
        UUID id = UUID.randomUUID();
        target.operator.get().putDeployment(target.deviceClientId, Checks.deploymentYaml(id, "dev-1", "1.0.0", "web"));
        assertThat(ids(checkedManifest(target.other.get().get("/api/v1/deployments")))).doesNotContain(id.toString());
    }

    static BigInteger version(JsonObject manifest) {
        return manifest.getJsonNumber("manifestVersion").bigIntegerValueExact();
    }

    static java.util.List<String> ids(JsonObject manifest) {
        return manifest.getJsonArray("deployments").stream()
                .map(v -> v.asJsonObject().getString("deploymentId")).toList();
    }
}
