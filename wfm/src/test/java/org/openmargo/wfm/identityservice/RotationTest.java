package org.openmargo.wfm.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.BuiltInWfm;

/**
 * Anchor rotation on a running WFM without an outage (spec b.1): a client holding an SVID of the old anchor keeps
 * working through stage and activate, a client issued after activate (new anchor) works, the WFM's own SVID moves to
 * the new anchor, and after finish the old client is refused while the new one still works.
 */
class RotationTest {
    @TempDir
    static Path dir;
    static BuiltInWfm wfm;

    @BeforeAll
    static void start() throws IOException {
        wfm = BuiltInWfm.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    /** The answer, or 0 when the connection or handshake failed. */
    static int status(HttpClient client) throws InterruptedException {
        try {
            return wfm.get(client, "/api/v1/deployments");
        } catch (IOException refused) {
            return 0;
        }
    }

    /** Polls with fresh connections (no resumption) until {@code expected} or 10 s. */
    static int awaitStatus(ClientCredentials client, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = status(wfm.client(client));
            if (status == expected) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return status;
    }

    static HttpResponse<String> step(String name) throws Exception {
        return wfm.operator("POST", "/operator/v1/ca/rotation", "{\"step\":\"" + name + "\"}");
    }

    @Test
    void rotation_stageActivateFinish_keepsOldClientsUntilFinishAndServesNewOnes() throws Exception {
        ClientCredentials old = wfm.acceptedClient("old-device");
        HttpClient oldConnection = wfm.client(old);
        assertThat(status(oldConnection)).isEqualTo(200);
        X509Certificate firstAnchor = wfm.mis.ca().anchors().getFirst();

        HttpResponse<String> staged = step("stage");
        assertThat(staged.statusCode()).isEqualTo(200);
        assertThat(staged.body()).contains("\"bundleSequence\":2").contains("\"state\":\"next\"");
        assertThat(Files.readString(dir.resolve("pki/bundle.json"))).contains("\"spiffe_sequence\":2");
        assertThat(status(oldConnection)).isEqualTo(200);
        assertThat(awaitStatus(old, 200)).isEqualTo(200);
        assertThat(step("stage").statusCode()).isEqualTo(409);

        assertThat(step("activate").statusCode()).isEqualTo(200);
        X509Certificate secondAnchor = wfm.mis.ca().anchors().get(1);
        ClientCredentials fresh = wfm.acceptedClient("new-device");
        fresh.svid().chain().getFirst().verify(secondAnchor.getPublicKey());
        assertThat(awaitStatus(fresh, 200)).isEqualTo(200);
        assertThat(status(oldConnection)).isEqualTo(200);
        assertThat(awaitStatus(old, 200)).isEqualTo(200);
        assertThat(secondAnchor.getSubjectX500Principal()).as("anchors made in the same second have distinct names")
                .isNotEqualTo(wfm.mis.ca().anchors().get(0).getSubjectX500Principal());
        assertThat(serverSvidIssuer()).isEqualTo(secondAnchor.getSubjectX500Principal());

        HttpResponse<String> finished = step("finish");
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).contains("\"bundleSequence\":3");
        assertThat(wfm.mis.ca().anchors()).containsExactly(secondAnchor).doesNotContain(firstAnchor);
        assertThat(awaitStatus(old, 0)).isZero();
        int onOpenConnection = status(oldConnection);
        assertThat(onOpenConnection).isIn(0, 401, 403);
        assertThat(status(wfm.client(fresh))).isEqualTo(200);
        assertThat(step("finish").statusCode()).isEqualTo(409);
    }

    /** The issuer of the SVID the device API presents now, as a fresh handshake sees it. */
    static javax.security.auth.x500.X500Principal serverSvidIssuer() throws Exception {
        ClientCredentials probe = wfm.acceptedClient("probe");
        var context = BuiltInWfm.clientContext(probe, () -> wfm.mis.ca().anchors());
        try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                wfm.server.deviceApiPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getIssuerX500Principal();
        }
    }
}
