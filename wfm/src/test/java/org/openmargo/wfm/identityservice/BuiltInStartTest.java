package org.openmargo.wfm.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.BuiltInWfm;
import org.openmargo.wfm.ca.CaPassphrase;
import org.openmargo.wfm.ca.MisTlsRoot;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.testpki.TestPki;

/**
 * Starting the built-in identity service: the generated passphrase, a wrong passphrase, an operator-supplied CA with
 * an intermediate and an operator-supplied listener certificate, and renewal of the WFM's own SVID while it serves.
 */
class BuiltInStartTest {
    @TempDir
    Path dir;

    @Test
    void start_withoutPassphrase_generatesAnOwnerOnlyPassphraseFileAndReusesIt() throws Exception {
        String firstAnchor;
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of())) {
            firstAnchor = wfm.mis.ca().view().issuingAnchor();
        }
        Path file = dir.resolve("pki").resolve(CaPassphrase.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).strip()).matches("[A-Za-z0-9_-]{43}");
        try (BuiltInWfm again = BuiltInWfm.start(dir, Map.of())) {
            assertThat(again.mis.ca().view().issuingAnchor()).isEqualTo(firstAnchor);
        }
    }

    @Test
    void start_withAnotherPassphraseThanTheKeysWereMadeWith_failsNamingTheKey() throws Exception {
        BuiltInWfm.start(dir, Map.of("wfm.identity-service.ca-key-passphrase", "first passphrase")).close();
        assertThatThrownBy(() -> BuiltInWfm.start(dir, Map.of("wfm.identity-service.ca-key-passphrase",
                "second passphrase")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("cannot decrypt the CA key of anchor sha256:[0-9a-f]{64} \\(active\\) with the "
                        + "configured passphrase .*wfm.identity-service.ca-key-passphrase.*");
    }

    @Test
    void start_withOperatorCaIntermediate_publishesTheRootAndIssuesChainsWithTheIntermediate() throws Exception {
        TestPki pki = TestPki.create(BuiltInWfm.TRUST_DOMAIN, BuiltInWfm.WFM_ID);
        TestPki.Authority intermediate = pki.newIntermediate();
        Path chain = dir.resolve("ca.pem");
        Files.writeString(chain, ClientCredentials.pems(List.of(intermediate.certificate(),
                pki.root().certificate())));
        Path key = dir.resolve("ca.key");
        TestPki.writeKeyPem(key, intermediate.keys().getPrivate());
        try (BuiltInWfm wfm = BuiltInWfm.start(dir.resolve("data"), Map.of(
                "wfm.identity-service.ca-certificate", chain.toString(),
                "wfm.identity-service.ca-private-key", key.toString()))) {
            assertThat(wfm.mis.ca().anchors()).containsExactly(pki.root().certificate());
            ClientCredentials client = wfm.acceptedClient("enterprise-device");
            assertThat(client.svid().chain()).hasSize(2);
            assertThat(client.svid().chain().get(1)).isEqualTo(intermediate.certificate());
            assertThat(wfm.get(wfm.client(client), "/api/v1/deployments")).isEqualTo(200);
            HttpResponse<String> rotation = wfm.operator("POST", "/operator/v1/ca/rotation", "{\"step\":\"stage\"}");
            assertThat(rotation.statusCode()).isEqualTo(409);
            assertThat(rotation.body()).contains("operator-supplied");
        }
    }

    @Test
    void start_withOperatorCaKeyNotMatching_failsNamingTheKeyFile() throws Exception {
        TestPki pki = TestPki.create(BuiltInWfm.TRUST_DOMAIN, BuiltInWfm.WFM_ID);
        Path chain = dir.resolve("ca.pem");
        Files.writeString(chain, ClientCredentials.pems(List.of(pki.root().certificate())));
        Path key = dir.resolve("ca.key");
        TestPki.writeKeyPem(key, pki.newRoot("other").keys().getPrivate());
        assertThatThrownBy(() -> BuiltInWfm.start(dir.resolve("data"), Map.of(
                "wfm.identity-service.ca-certificate", chain.toString(),
                "wfm.identity-service.ca-private-key", key.toString())))
                .hasMessage(key + ": this key does not belong to the first certificate of " + chain);
    }

    @Test
    void start_withOperatorTlsCertificate_servesItAndOffersNoPin() throws Exception {
        X509Certificate root;
        try (Database scratch = Database.open(new DatabaseSettings("jdbc:h2:mem:web-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2))) {
            MisTlsRoot webPki = MisTlsRoot.open(scratch.anchors(), "web pki passphrase".toCharArray(), "web",
                    Clock.systemUTC());
            root = webPki.certificate();
            KeyPair keys = CsrTest.keys("P-256");
            X509Certificate leaf = webPki.issueServer(keys.getPublic(), List.of("localhost"), new boolean[] {false},
                    Duration.ofDays(1));
            Files.writeString(dir.resolve("tls.pem"), ClientCredentials.pems(List.of(leaf, root)));
            TestPki.writeKeyPem(dir.resolve("tls.key"), keys.getPrivate());
        }
        try (BuiltInWfm wfm = BuiltInWfm.start(dir.resolve("data"), Map.of(
                "wfm.identity-service.tls-certificate", dir.resolve("tls.pem").toString(),
                "wfm.identity-service.tls-private-key", dir.resolve("tls.key").toString()))) {
            assertThat(wfm.mis.tlsPins()).isEmpty();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("web", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> discovery = HttpClient.newBuilder().sslContext(context).build().send(
                    HttpRequest.newBuilder(wfm.misUri("/.well-known/margo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void start_withDemoClients_writesTheirKeysAndSvidsThatAuthenticateOnceAccepted() throws Exception {
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of("wfm.identity-service.demo-client", "demo-agent,load-0"))) {
            for (String clientId : List.of("demo-agent", "load-0")) {
                Path client = dir.resolve("pki/clients").resolve(clientId);
                assertThat(Files.getPosixFilePermissions(client.resolve("svid.key")))
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                List<X509Certificate> chain = List.copyOf(readCertificates(client.resolve("svid.pem")));
                assertThat(chain.getFirst().getSubjectAlternativeNames()).containsExactly(
                        List.of(6, "spiffe://plant.example/margo/wfm/wfm-a/client/" + clientId));
                assertThat(readCertificates(client.resolve("bundle.pem"))).containsExactlyElementsOf(
                        wfm.mis.ca().anchors());
                java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
                        new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(
                                Files.readString(client.resolve("svid.key")).replaceAll("-----[A-Z ]+-----", ""))));
                ClientCredentials loaded = new ClientCredentials(key, new IssuedSvid(
                        "spiffe://plant.example/margo/wfm/wfm-a/client/" + clientId, chain,
                        chain.getFirst().getNotAfter().toInstant()));
                assertThat(wfm.get(wfm.client(loaded), "/api/v1/deployments")).isEqualTo(403);
                wfm.server.identity().policy().accept(clientId);
                assertThat(wfm.get(wfm.client(loaded), "/api/v1/deployments")).isEqualTo(200);
            }
        }
    }

    private static java.util.Collection<X509Certificate> readCertificates(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    @Test
    void wfmSvid_shortLifetime_isRenewedAndPresentedWithoutRestart() throws Exception {
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of("wfm.identity-service.wfm-svid-lifetime", "PT6S"))) {
            ClientCredentials client = wfm.acceptedClient("steady");
            X509Certificate first = serverLeaf(wfm, client);
            assertThat(Duration.between(first.getNotBefore().toInstant(), first.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofSeconds(66));
            X509Certificate current = first;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (current.getSerialNumber().equals(first.getSerialNumber()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                current = serverLeaf(wfm, client);
            }
            BigInteger renewed = current.getSerialNumber();
            assertThat(renewed).isNotEqualTo(first.getSerialNumber());
            assertThat(current.getPublicKey()).isNotEqualTo(first.getPublicKey());
            assertThat(current.getNotAfter()).isAfter(first.getNotAfter());
            assertThat(current.getSubjectAlternativeNames())
                    .containsExactlyElementsOf(first.getSubjectAlternativeNames());
            assertThat(wfm.get(wfm.client(client), "/api/v1/deployments")).isEqualTo(200);
        }
    }

    /** The leaf the device API presents on a fresh handshake (a new context: no session to resume). */
    private static X509Certificate serverLeaf(BuiltInWfm wfm, ClientCredentials client) throws Exception {
        SSLContext context = BuiltInWfm.clientContext(client, () -> wfm.mis.ca().anchors());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                wfm.server.deviceApiPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
