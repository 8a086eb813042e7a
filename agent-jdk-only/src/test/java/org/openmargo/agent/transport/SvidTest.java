package org.openmargo.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmargo.wfm.testpki.TestPki;

class SvidTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");

    @TempDir
    Path dir;

    @Test
    void load_clientSvid_exposesIdsAndWfmSpiffeId() throws IOException {
        TestPki.Svid issued = PKI.client("dev-1");

        Svid svid = write(issued, issued.key());

        assertThat(svid.spiffeId()).isEqualTo("spiffe://plant.example/margo/wfm/wfm-a/client/dev-1");
        assertThat(svid.trustDomain()).isEqualTo("plant.example");
        assertThat(svid.wfmId()).isEqualTo("wfm-a");
        assertThat(svid.clientId()).isEqualTo("dev-1");
        assertThat(svid.wfmSpiffeId()).isEqualTo("spiffe://plant.example/margo/wfm/wfm-a");
        assertThat(svid.notAfter()).isEqualTo(issued.leaf().getNotAfter().toInstant());
        assertThat(svid.chain()).isEqualTo(issued.chain());
    }

    @Test
    void load_chainWithIntermediate_keepsTheWholeChainLeafFirst() throws IOException {
        TestPki.Svid issued = PKI.client(PKI.newIntermediate(), "dev-2");

        Svid svid = write(issued, issued.key());

        assertThat(svid.chain()).hasSize(2).isEqualTo(issued.chain());
    }

    @Test
    void load_wfmServerSvid_failsNamingBothFilesAndTheExpectedShape() {
        TestPki.Svid server = PKI.wfmServer();

        assertThatThrownBy(() -> write(server, server.key()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("chain.pem").toString())
                .hasMessageContaining("spiffe://plant.example/margo/wfm/wfm-a is not of the form "
                        + "spiffe://<td>/margo/wfm/<wfm-id>/client/<wfm-client-id>");
    }

    @Test
    void load_keyOfAnotherSvid_failsWithMismatch() {
        assertThatThrownBy(() -> write(PKI.client("dev-3"), PKI.client("dev-4").key()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the private key does not belong to the leaf certificate");
    }

    @Test
    void load_twoUriSans_failsSayingExactlyOne() {
        TestPki.Svid two = PKI.twoUriSans("dev-5");

        assertThatThrownBy(() -> write(two, two.key()))
                .hasMessageContaining("expected exactly one URI SAN but found 2");
    }

    @Test
    void load_caCertificateAsLeaf_fails() {
        TestPki.Svid ca = PKI.caAsLeaf("dev-6");

        assertThatThrownBy(() -> write(ca, ca.key())).hasMessageContaining("the leaf is a CA certificate");
    }

    @Test
    void load_sec1EcKeyBlock_readsTheSameKeyAsPkcs8() throws IOException {
        TestPki.Svid issued = PKI.client("dev-7");
        TestPki.writeChainPem(dir.resolve("chain.pem"), issued);
        // What "openssl ecparam -genkey" writes: an EC PARAMETERS block, then the SEC1 key with its curve.
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
                + "-----END EC PARAMETERS-----\n" + pem("EC PRIVATE KEY", sec1((ECPrivateKey) issued.key())));

        Svid svid = Svid.load(dir.resolve("chain.pem"), dir.resolve("key.pem"));

        assertThat(svid.privateKey().getEncoded()).isEqualTo(issued.key().getEncoded());
    }

    @Test
    void load_truncatedSec1Block_failsNamingTheKeyFileAndTheProblem() throws IOException {
        TestPki.Svid issued = PKI.client("dev-7");
        TestPki.writeChainPem(dir.resolve("chain.pem"), issued);
        Files.writeString(dir.resolve("key.pem"), pem("EC PRIVATE KEY", new byte[] {0, 0, 0}));

        assertThatThrownBy(() -> Svid.load(dir.resolve("chain.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("key.pem") + ": not a SEC1 'EC PRIVATE KEY': expected SEQUENCE at offset 0");
    }

    @Test
    void load_sec1KeyOfAnotherSvid_failsWithMismatch() throws IOException {
        TestPki.writeChainPem(dir.resolve("chain.pem"), PKI.client("dev-3"));
        ECPrivateKey other = (ECPrivateKey) PKI.client("dev-4").key();
        Files.writeString(dir.resolve("key.pem"), pem("EC PRIVATE KEY", sec1(other)));

        assertThatThrownBy(() -> Svid.load(dir.resolve("chain.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the private key does not belong to the leaf certificate");
    }

    @Test
    void load_pkcs1RsaKeyBlock_failsNamingTheKeyFileAndAskingForPkcs8() throws IOException {
        TestPki.writeChainPem(dir.resolve("chain.pem"), PKI.client("dev-7"));
        Files.writeString(dir.resolve("key.pem"), pem("RSA PRIVATE KEY", new byte[] {0, 0, 0}));

        assertThatThrownBy(() -> Svid.load(dir.resolve("chain.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("key.pem") + ": no unencrypted PKCS#8 'PRIVATE KEY' or SEC1 'EC PRIVATE KEY' "
                        + "PEM block (found 'RSA PRIVATE KEY'; convert it to PKCS#8)");
    }

    /** RFC 5915 by hand: SEQUENCE { INTEGER 1, OCTET STRING (32-byte scalar), [0] OID prime256v1 }. */
    private static byte[] sec1(ECPrivateKey key) {
        byte[] s = key.getS().toByteArray();
        byte[] scalar = new byte[32];
        System.arraycopy(s, Math.max(0, s.length - 32), scalar, Math.max(0, 32 - s.length), Math.min(32, s.length));
        byte[] curve = {(byte) 0xA0, 0x0A, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
        byte[] der = new byte[2 + 3 + 2 + 32 + curve.length];
        der[0] = 0x30;
        der[1] = (byte) (der.length - 2);
        der[2] = 0x02;
        der[3] = 0x01;
        der[4] = 0x01;
        der[5] = 0x04;
        der[6] = 0x20;
        System.arraycopy(scalar, 0, der, 7, 32);
        System.arraycopy(curve, 0, der, 39, curve.length);
        return der;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    void load_chainFileWithoutCertificates_failsNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("chain.pem"), "");
        TestPki.writeKeyPem(dir.resolve("key.pem"), PKI.client("dev-8").key());

        assertThatThrownBy(() -> Svid.load(dir.resolve("chain.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("chain.pem") + ": no CERTIFICATE PEM block");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "RSA", "EC"})
    void load_keytoolIssuedSvid_acceptsEachMandatedKeyAlgorithm(String algorithm) throws Exception {
        String uri = "spiffe://plant.example/margo/wfm/wfm-a/client/kt-" + algorithm.toLowerCase();
        Path store = dir.resolve("kt.p12");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-alias", "svid",
                "-keyalg", algorithm, "-dname", "CN=svid", "-ext", "san=uri:" + uri));
        if (algorithm.equals("RSA")) {
            command.addAll(List.of("-keysize", "3072"));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(Files.newInputStream(store), "changeit".toCharArray());
        X509Certificate leaf = (X509Certificate) keys.getCertificate("svid");
        PrivateKey key = (PrivateKey) keys.getKey("svid", "changeit".toCharArray());

        Svid svid = write(new TestPki.Svid(key, List.of(leaf)), key);

        assertThat(svid.spiffeId()).isEqualTo(uri);
        assertThat(svid.privateKey().getEncoded()).isEqualTo(key.getEncoded());
    }

    private Svid write(TestPki.Svid chain, PrivateKey key) throws IOException {
        TestPki.writeChainPem(dir.resolve("chain.pem"), chain);
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        return Svid.load(dir.resolve("chain.pem"), dir.resolve("key.pem"));
    }
}
