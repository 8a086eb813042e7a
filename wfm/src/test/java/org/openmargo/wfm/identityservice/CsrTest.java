package org.openmargo.wfm.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSR checks: the allowed key algorithms pass with their key; everything else is refused with a clear reason. */
class CsrTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    static KeyPair keys(String kind) throws Exception {
        KeyPairGenerator g;
        switch (kind) {
            case "P-256", "P-384", "P-521" -> {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp" + kind.substring(2) + "r1"));
            }
            case "secp256k1" -> {
                g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec("secp256k1"));
            }
            case "Ed25519" -> g = KeyPairGenerator.getInstance("Ed25519");
            default -> {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(Integer.parseInt(kind.substring(4)));
            }
        }
        return g.generateKeyPair();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "Ed25519", "RSA-3072"})
    void publicKey_allowedAlgorithm_returnsTheCsrKey(String kind) throws Exception {
        KeyPair pair = keys(kind);
        PublicKey key = Csr.publicKey(ClientCredentials.csr(pair));
        assertThat(key.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void publicKey_rsa2048_isRejectedNamingTheSize() throws Exception {
        assertThatThrownBy(() -> Csr.publicKey(ClientCredentials.csr(keys("RSA-2048"))))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessage("the CSR's RSA key has 2048 bits; allowed are 3072 to 8192");
    }

    @Test
    void publicKey_secp256k1_isRejectedNamingTheCurve() throws Exception {
        KeyPair pair = keys("secp256k1");
        String pem = ClientCredentials.pem("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=x"), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(pair.getPrivate()))
                .getEncoded());
        assertThatThrownBy(() -> Csr.publicKey(pem)).isInstanceOf(CsrRejectedException.class)
                .hasMessage("the CSR's EC key is on curve 1.3.132.0.10; allowed are P-256 (secp256r1) and P-384 "
                        + "(secp384r1)");
    }

    @Test
    void publicKey_sha1Signature_isRejectedNamingTheAlgorithm() throws Exception {
        KeyPair pair = keys("RSA-3072");
        String pem = ClientCredentials.pem("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=x"), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA1withRSA").build(pair.getPrivate())).getEncoded());
        assertThatThrownBy(() -> Csr.publicKey(pem)).isInstanceOf(CsrRejectedException.class)
                .hasMessageStartingWith("the CSR is signed with 1.2.840.113549.1.1.5; allowed are");
    }

    @Test
    void publicKey_p521_isRejected() throws Exception {
        assertThatThrownBy(() -> Csr.publicKey(ClientCredentials.csr(keys("P-521"))))
                .isInstanceOf(CsrRejectedException.class).hasMessageContaining("1.3.132.0.35");
    }

    @Test
    void publicKey_tamperedSignature_isRejected() throws Exception {
        String pem = ClientCredentials.csr(keys("P-256"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 5] ^= 0x01; // inside the signature BIT STRING, the last element of the request
        String tampered = ClientCredentials.pem("CERTIFICATE REQUEST", der);
        assertThatThrownBy(() -> Csr.publicKey(tampered)).isInstanceOf(CsrRejectedException.class)
                .hasMessageStartingWith("the CSR's");
    }

    @Test
    void publicKey_csrSignedByAnotherKey_isRejectedForItsSignature() throws Exception {
        KeyPair subject = keys("P-256");
        KeyPair other = keys("P-256");
        String pem = ClientCredentials.pem("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=x"), subject.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate())).getEncoded());
        assertThatThrownBy(() -> Csr.publicKey(pem)).isInstanceOf(CsrRejectedException.class)
                .hasMessage("the CSR's self-signature does not verify with its public key");
    }

    @Test
    void publicKey_garbage_isRejected() {
        for (String garbage : new String[] {"", "hello", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
                + "-----END CERTIFICATE REQUEST-----\n", "-----BEGIN CERTIFICATE REQUEST-----\n!!!\n"
                + "-----END CERTIFICATE REQUEST-----\n"}) {
            assertThatThrownBy(() -> Csr.publicKey(garbage)).as(garbage).isInstanceOf(CsrRejectedException.class);
        }
        assertThatThrownBy(() -> Csr.publicKey("hello")).hasMessage(
                "expected one PEM 'CERTIFICATE REQUEST' block (PKCS#10)");
    }

    @Test
    void publicKey_twoBlocks_isRejected() throws Exception {
        String pem = ClientCredentials.csr(keys("P-256"));
        assertThatThrownBy(() -> Csr.publicKey(pem + pem)).isInstanceOf(CsrRejectedException.class)
                .hasMessage("expected exactly one PEM block, found more");
    }

    @Test
    void publicKey_tooLarge_isRejectedBeforeParsing() {
        assertThatThrownBy(() -> Csr.publicKey("x".repeat(Csr.MAX_PEM_CHARS + 1)))
                .isInstanceOf(CsrRejectedException.class).hasMessage("the CSR is larger than 16384 characters");
    }
}
