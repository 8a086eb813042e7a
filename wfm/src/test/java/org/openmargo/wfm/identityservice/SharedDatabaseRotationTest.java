package org.openmargo.wfm.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.BuiltInWfm;
import org.openmargo.wfm.ca.Fingerprint;
import org.openmargo.wfm.store.TestDatabase;

/**
 * Two WFM instances with one wfm-id on one PostgreSQL database (spec b.1 lets a WFM run as several instances): every
 * rotation step run on A reaches B within its reload interval (PT0.2S here), without a restart. B publishes the new
 * bundle on its MIS listener, issues client SVIDs and its own SVID under the anchor A activated, and after A's finish
 * refuses a client whose SVID chains only to the removed anchor.
 */
class SharedDatabaseRotationTest {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static String schema;
    static BuiltInWfm a;
    static BuiltInWfm b;
    static HttpClient misOfB;

    @BeforeAll
    static void start() throws Exception {
        schema = TestDatabase.createPostgresSchema();
        Map<String, String> shared = Map.of(
                "wfm.database.url", TestDatabase.postgresUrl(schema),
                "wfm.database.user", TestDatabase.POSTGRES_USER,
                "wfm.identity-service.ca-key-passphrase", "one passphrase for every instance",
                "wfm.identity-service.tls-names", "localhost,127.0.0.1");
        a = BuiltInWfm.start(dir.resolve("a"), shared);
        b = BuiltInWfm.start(dir.resolve("b"), shared);
        misOfB = HttpClient.newBuilder().sslContext(MisListenerTest.pinnedContext(b.server.misPort(),
                b.mis.tlsPins().getFirst())).build();
    }

    @AfterAll
    static void stop() {
        try {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        } finally {
            TestDatabase.dropPostgresSchema(schema);
        }
    }

    @Test
    void rotation_stepsRunOnA_areFollowedByBWithoutRestart() throws Exception {
        X509Certificate first = a.mis.ca().anchors().getFirst();
        assertThat(b.mis.ca().anchors()).containsExactly(first);
        ClientCredentials old = b.acceptedClient("old-device");
        assertThat(status(b, old)).isEqualTo(200);

        assertThat(step("stage").statusCode()).isEqualTo(200);
        X509Certificate second = a.mis.ca().anchors().get(1);
        JsonObject staged = await(SharedDatabaseRotationTest::bundleOfB, d -> sequence(d) == 2);
        assertThat(sequence(staged)).isEqualTo(2);
        assertThat(x5c(staged)).containsExactly(base64(first), base64(second));
        assertThat(b.mis.trustBundleJson()).isEqualTo(a.mis.trustBundleJson());
        // B serves the adopted anchors first and then rewrites its bundle file (a listener of the same change).
        assertThat(await(() -> Files.readString(dir.resolve("b/pki/bundle.json")),
                f -> f.contains("\"spiffe_sequence\":2"))).contains("\"spiffe_sequence\":2");
        assertThat(status(b, old)).isEqualTo(200);

        assertThat(step("activate").statusCode()).isEqualTo(200);
        // By signature, not issuer name: anchors made within one second have the same name.
        X509Certificate svidOfB = await(SharedDatabaseRotationTest::serverSvidOfB, c -> signedBy(c, second));
        assertThat(signedBy(svidOfB, second)).as("B's own SVID is under the new anchor").isTrue();
        assertThat(signedBy(svidOfB, first)).isFalse();
        assertThat(b.mis.ca().view().issuingAnchor()).isEqualTo(Fingerprint.of(second));
        ClientCredentials fresh = b.acceptedClient("new-device");
        X509Certificate freshLeaf = fresh.svid().chain().getFirst();
        assertThat(signedBy(freshLeaf, second)).as("a client SVID issued by B is under the new anchor").isTrue();
        assertThat(signedBy(freshLeaf, first)).isFalse();
        assertThat(status(b, fresh)).isEqualTo(200);
        assertThat(status(b, old)).as("the previous anchor stays published until finish").isEqualTo(200);

        assertThat(step("finish").statusCode()).isEqualTo(200);
        assertThat(await(() -> status(b, old), s -> s == 0)).as("B refuses the old anchor's client").isZero();
        JsonObject finished = bundleOfB();
        assertThat(sequence(finished)).isEqualTo(3);
        assertThat(x5c(finished)).containsExactly(base64(second));
        assertThat(b.mis.ca().anchors()).containsExactly(second);
        assertThat(status(b, fresh)).isEqualTo(200);
    }

    static HttpResponse<String> step(String name) throws Exception {
        return a.operator("POST", "/operator/v1/ca/rotation", "{\"step\":\"" + name + "\"}");
    }

    /** GET on B's device API over a fresh connection: the status, or 0 when the handshake failed. */
    static int status(BuiltInWfm wfm, ClientCredentials client) throws InterruptedException {
        try {
            return wfm.get(wfm.client(client), "/api/v1/deployments");
        } catch (IOException refused) {
            return 0;
        }
    }

    /** The bundle B's MIS listener serves, as a device fetches it. */
    static JsonObject bundleOfB() throws Exception {
        HttpResponse<String> response = MisListenerTest.get(misOfB, b.misUri("/.well-known/spiffe/bundle.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The leaf certificate B's device API presents in a fresh handshake. */
    static X509Certificate serverSvidOfB() throws Exception {
        ClientCredentials probe = b.acceptedClient("probe");
        var context = BuiltInWfm.clientContext(probe, () -> b.mis.ca().anchors());
        try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                b.server.deviceApiPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    static boolean signedBy(X509Certificate leaf, X509Certificate anchor) {
        try {
            leaf.verify(anchor.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    static long sequence(JsonObject bundle) {
        return bundle.getJsonNumber("spiffe_sequence").longValue();
    }

    static List<String> x5c(JsonObject bundle) {
        return bundle.getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(k -> k.getJsonArray("x5c").getString(0)).toList();
    }

    static String base64(X509Certificate c) throws Exception {
        return Base64.getEncoder().encodeToString(c.getEncoded());
    }

    /** A read that may fail while B catches up. */
    @FunctionalInterface
    interface Probe<T> {
        T read() throws Exception;
    }

    /** Reads every 50 ms until {@code done} holds or {@link #DEADLINE} passed; answers the last value read. */
    static <T> T await(Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T value = probe.read();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = probe.read();
        }
        return value;
    }
}
