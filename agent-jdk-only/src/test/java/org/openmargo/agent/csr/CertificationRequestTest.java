package org.openmargo.agent.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-built PKCS#10 request, checked by BouncyCastle and (when installed) by OpenSSL. */
class CertificationRequestTest {
    private static final KeyPair KEYS = DeviceKey.generate(new SecureRandom());

    @TempDir
    Path dir;

    @Test
    void create_withoutSan_bouncyCastleParsesItAndTheSignatureIsValid() throws Exception {
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(
                CertificationRequest.create(KEYS, "edge-01", Optional.empty()).der());

        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(
                request.getSubjectPublicKeyInfo()))).isTrue();
        assertThat(request.getSubject()).isEqualTo(new X500Name("CN=edge-01"));
        assertThat(request.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
        assertThat(request.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(request.getAttributes()).isEmpty();
    }

    @Test
    void create_withUriSan_carriesItAsAnExtensionRequest() throws Exception {
        String uri = "spiffe://plant.example/margo/wfm/wfm-a/client/line7-plc";
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(
                CertificationRequest.create(KEYS, "line7-plc", Optional.of(uri)).der());

        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(
                request.getSubjectPublicKeyInfo()))).isTrue();
        var attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        assertThat(attributes).hasSize(1);
        Extensions extensions = Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
        GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        assertThat(names.getNames()).containsExactly(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }

    @Test
    void create_longestCommonNameWithSan_exceeds128ByteLengthsAndStillVerifies() throws Exception {
        String name = "x".repeat(CertificationRequest.MAX_COMMON_NAME);
        String uri = "spiffe://plant.example/" + "s".repeat(300);
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(
                CertificationRequest.create(KEYS, name, Optional.of(uri)).der());

        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(
                request.getSubjectPublicKeyInfo()))).isTrue();
        assertThat(request.getSubject()).isEqualTo(new X500Name("CN=" + name));
    }

    @Test
    void create_commonNameOf65Characters_isRefused() {
        assertThatThrownBy(() -> CertificationRequest.create(KEYS, "x".repeat(65), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the common name must have 1 to 64");
    }

    @Test
    void create_rsaKey_isRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);

        assertThatThrownBy(() -> CertificationRequest.create(rsa.generateKeyPair(), "edge", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("only EC keys are supported, not RSA");
    }

    @Test
    void pem_opensslReqVerify_acceptsIt() throws Exception {
        assumeTrue(openssl(), "openssl is not installed");
        Path file = dir.resolve("device.csr");
        Files.writeString(file, CertificationRequest.create(KEYS, "edge-01",
                Optional.of("spiffe://plant.example/margo/wfm/wfm-a/client/edge-01")).pem());

        Process process = new ProcessBuilder("openssl", "req", "-in", file.toString(), "-verify", "-noout")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("verify OK");
    }

    @Test
    void pem_hasTheLabelsAnd64CharacterLines() {
        String pem = CertificationRequest.create(KEYS, "edge-01", Optional.empty()).pem();

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n")
                .endsWith("\n-----END CERTIFICATE REQUEST-----\n");
        assertThat(pem.lines().filter(line -> !line.startsWith("-----"))).allMatch(line -> line.length() <= 64);
    }

    private static boolean openssl() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
