package org.openmargo.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.WfmServer;
import org.openmargo.agent.LocalWfm;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The client against a real WFM ({@code spiffe://plant.example/margo/wfm/wfm-a}) over mTLS, started once for the
 * class on a free loopback port with identity material from a {@link TestPki}. Clients are accepted through the
 * WFM's operator API, as an operator would.
 */
class WfmClientTest {
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/vnd.margo.manifest.v1+json");

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static WfmServer wfm;

    @BeforeAll
    static void startWfm() throws Exception {
        LocalWfm local = LocalWfm.start(dir);
        pki = local.pki();
        wfm = local.server();
        accept("dev-1");
    }

    @AfterAll
    static void stopWfm() {
        wfm.close();
    }

    @Test
    void send_getDeploymentsAsAcceptedClient_returnsTheManifest() throws Exception {
        try (WfmClient client = client(svid(pki.client("dev-1")), rootOnly())) {
            WfmResponse response = client.send(WfmRequest.get("/api/v1/deployments", ACCEPT));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).hasValue("application/vnd.margo.manifest.v1+json");
            assertThat(response.header("ETag")).isPresent();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"manifestVersion\"");
        }
    }

    @Test
    void send_notYetAcceptedClient_returns403AsANormalResponse() throws Exception {
        try (WfmClient client = client(svid(pki.client("dev-unknown")), rootOnly())) {
            assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(403);
        }
    }

    @Test
    void send_ownSvidNamesAnotherWfmId_refusesTheServer() throws Exception {
        Svid other = svid(pki.issue(pki.root(), pki.leafSpec("spiffe://plant.example/margo/wfm/wfm-b/client/dev-1")));

        try (WfmClient client = client(other, rootOnly())) {
            assertThatThrownBy(() -> client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)))
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("WFM SPIFFE ID spiffe://plant.example/margo/wfm/wfm-a is not the expected "
                            + "spiffe://plant.example/margo/wfm/wfm-b");
        }
    }

    @Test
    void send_ownSvidInAnotherTrustDomain_refusesTheServer() throws Exception {
        Svid other = svid(pki.issue(pki.root(), pki.leafSpec("spiffe://other.example/margo/wfm/wfm-a/client/dev-1")));

        try (WfmClient client = client(other, rootOnly())) {
            assertThatThrownBy(() -> client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)))
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("is not in trust domain other.example");
        }
    }

    @Test
    void send_serverChainsToAnUnknownRoot_refusesTheServer() throws Exception {
        List<X509Certificate> stranger = List.of(pki.newRoot("stranger").certificate());

        try (WfmClient client = client(svid(pki.client("dev-1")), () -> stranger)) {
            assertThatThrownBy(() -> client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)))
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("WFM chain does not validate against the trust bundle");
        }
    }

    @Test
    void send_secondCallOnKeptAliveConnection_needsNoHandshake() throws Exception {
        try (WfmClient client = client(svid(pki.client("dev-1")), rootOnly())) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(200);
            }

            assertThat(client.fullHandshakes()).isEqualTo(1);
        }
    }

    @Test
    void send_afterReconnect_resumesTheTls13SessionWithoutCertificateRequest() throws Exception {
        try (WfmClient client = client(svid(pki.client("dev-1")), rootOnly())) {
            assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(200);
            client.reconnect();

            assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(200);
            assertThat(client.fullHandshakes()).as("the new connection resumed").isEqualTo(1);
        }
    }

    @Test
    void send_afterRebuildWithRenewedSvid_performsAFullHandshake() throws Exception {
        try (WfmClient client = client(svid(pki.client("dev-1")), rootOnly())) {
            client.send(WfmRequest.get("/api/v1/deployments", ACCEPT));
            Svid renewed = svid(pki.client("dev-1"));
            client.rebuild(renewed);

            assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(200);
            assertThat(client.fullHandshakes()).isEqualTo(2);
            assertThat(client.svid()).isSameAs(renewed);
        }
    }

    @Test
    void send_afterTrustBundleReplaced_dropsKeptAliveConnectionAndSessions() throws Exception {
        AtomicReference<List<X509Certificate>> anchors = new AtomicReference<>(List.of(pki.root().certificate()));
        try (WfmClient client = client(svid(pki.client("dev-1")), anchors::get)) {
            assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(200);
            anchors.set(List.of(pki.newRoot("rotated").certificate()));

            assertThatThrownBy(() -> client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)))
                    .hasStackTraceContaining("WFM chain does not validate against the trust bundle");
            anchors.set(List.of(pki.root().certificate()));
            assertThat(client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)).status()).isEqualTo(200);
            // The refused handshake ends before the client certificate is chosen, so it is not counted; the last call
            // is a full handshake, not a resumption of the session validated under the old anchors.
            assertThat(client.fullHandshakes()).isEqualTo(2);
        }
    }

    @Test
    void send_bodyLargerThanTheCap_failsWithIOException() throws Exception {
        WfmClient.Settings settings = settings().withMaxBodyBytes(10);
        try (WfmClient client = WfmClient.create(settings, svid(pki.client("dev-1")), rootOnly())) {
            assertThatThrownBy(() -> client.send(WfmRequest.get("/api/v1/deployments", ACCEPT)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("exceeds the cap of 10");
        }
    }

    private static java.util.function.Supplier<List<X509Certificate>> rootOnly() {
        List<X509Certificate> root = List.of(pki.root().certificate());
        return () -> root;
    }

    private static WfmClient.Settings settings() {
        return WfmClient.Settings.of(URI.create("https://127.0.0.1:" + wfm.deviceApiPort()));
    }

    private static WfmClient client(Svid svid, java.util.function.Supplier<List<X509Certificate>> anchors) {
        return WfmClient.create(settings(), svid, anchors);
    }

    private static Svid svid(TestPki.Svid issued) {
        return Svid.of(issued.chain(), issued.key());
    }

    private static void accept(String clientId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wfm.operatorPort()
                        + "/operator/v1/clients/" + clientId + "/accept"))
                .header("Authorization", "Bearer " + wfm.operatorToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try (HttpClient operator = HttpClient.newHttpClient()) {
            assertThat(operator.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }
}
