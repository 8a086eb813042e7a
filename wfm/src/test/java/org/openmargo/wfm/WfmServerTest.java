package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The whole WFM (database, identity, both listeners) with operator-supplied identity material, over real mutual TLS:
 * handshake refusals, policy changes and trust bundle rotation without restart, and cross-client isolation.
 */
class WfmServerTest {
    @TempDir
    static Path dir;
    static RunningWfm wfm;
    static TestPki.Svid alice;
    static TestPki.Svid bob;

    @BeforeAll
    static void start() throws Exception {
        wfm = RunningWfm.start(dir, Map.of());
        alice = wfm.pki.client("alice");
        bob = wfm.pki.client("bob");
        assertThat(wfm.operator("POST", "/operator/v1/clients/alice/accept", null).statusCode()).isEqualTo(200);
        assertThat(wfm.operator("POST", "/operator/v1/clients/bob/accept", null).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(wfm.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handshake_withoutClientCertificate_fails() {
        HttpClient anonymous = HttpClient.newBuilder().sslContext(wfm.pki.clientContextWithoutCertificate()).build();
        assertThatThrownBy(() -> get(anonymous, "/api/v1/deployments")).isInstanceOf(IOException.class);
    }

    @Test
    void handshake_withInvalidSvids_fails() throws Exception {
        for (TestPki.Svid bad : new TestPki.Svid[] {wfm.pki.wrongTrustDomain("alice"), wfm.pki.expiredClient("alice"),
                wfm.pki.caAsLeaf("alice"), wfm.pki.keyCertSignLeaf("alice"), wfm.pki.unknownCaClient("alice"),
                wfm.pki.issue(wfm.pki.root(), wfm.pki.leafSpec("spiffe://plant.example/margo/wfm/wfm-a/alice"))}) {
            assertThatThrownBy(() -> get(wfm.client(bad), "/api/v1/deployments"))
                    .as("SVID %s", bad.leaf().getSubjectAlternativeNames()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void request_afterRetirement_is403OnTheSameConnectionAndOkAgainAfterAcceptance() throws Exception {
        TestPki.Svid carol = wfm.pki.client("carol");
        HttpClient client = wfm.client(carol);
        assertThat(get(client, "/api/v1/deployments").statusCode()).isEqualTo(403);
        wfm.operator("POST", "/operator/v1/clients/carol/accept", null);
        assertThat(get(client, "/api/v1/deployments").statusCode()).isEqualTo(200);
        wfm.operator("POST", "/operator/v1/clients/carol/retire", null);
        HttpResponse<String> refused = get(client, "/api/v1/deployments");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"type\":\"https://docs.margo.org/specification/problem-types#not-authorized\"");
    }

    @Test
    void trustBundle_rotatedToNewAnchor_acceptsItsSvidsWithoutRestart() throws Exception {
        TestPki.Authority next = wfm.pki.newRoot("next-root");
        TestPki.Svid dave = wfm.pki.client(next, "dave");
        wfm.operator("POST", "/operator/v1/clients/dave/accept", null);
        assertThatThrownBy(() -> get(wfm.client(dave), "/api/v1/deployments")).isInstanceOf(IOException.class);
        TestPki.writeBundleJson(wfm.files.trustBundle(), 2, wfm.pki.root(), next);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            try {
                status = get(wfm.client(dave), "/api/v1/deployments").statusCode();
            } catch (IOException notYet) {
                status = 0;
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(get(wfm.client(alice), "/api/v1/deployments").statusCode()).isEqualTo(200);
    }

    @Test
    void deploymentOfClientA_isInvisibleToClientB_byManifestAndByDigest() throws Exception {
        String yaml = """
                id: 6a1d0c1e-6c0c-4a7e-9b7a-2f7f4bb0c111
                metadata:
                  name: isolation
                  namespace: test
                  deviceId: dev-1
                spec:
                  applicationId: isolation
                  deploymentProfile:
                    type: compose
                    components:
                      - name: app
                        properties:
                          repository: oci://registry.example.com/apps/isolation
                          revision: 1.0.0
                """;
        HttpResponse<String> put = wfm.operator("PUT", "/operator/v1/clients/alice/deployments", yaml);
        assertThat(put.statusCode()).isEqualTo(201);
        String digest = put.body().replaceAll(".*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
        String path = "/api/v1/deployments/6a1d0c1e-6c0c-4a7e-9b7a-2f7f4bb0c111/" + digest;
        assertThat(get(wfm.client(alice), path).body()).isEqualTo(yaml);
        HttpResponse<String> forBob = get(wfm.client(bob), path);
        assertThat(forBob.statusCode()).isEqualTo(404);
        assertThat(forBob.body()).contains("#deployment-not-found");
        assertThat(get(wfm.client(bob), "/api/v1/deployments").body()).doesNotContain("6a1d0c1e");
    }
}
