package org.openmargo.agent.enrollment;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.openmargo.wfm.testpki.TestPki;

/**
 * What the WFM does with a CSR, done with BouncyCastle for the agent's tests: verify its self-signature and issue a
 * client SVID for its public key under a {@link TestPki} authority. Also issues the MIS listener's TLS certificate
 * (IP SAN 127.0.0.1) under a separate TLS root, and writes the answer bodies of {@code docs/identity-service.md}.
 */
public final class TestIssuer {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private TestIssuer() {
    }

    /**
     * The public key of a PEM CSR whose signature verifies.
     *
     * @throws IllegalArgumentException if the CSR is unreadable or its signature is bad
     */
    public static PublicKey csrKey(String pem) {
        try (PEMParser parser = new PEMParser(new java.io.StringReader(pem))) {
            PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parser.readObject();
            if (csr == null || !csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new IllegalArgumentException("bad CSR signature");
            }
            return new JcaPKCS10CertificationRequest(csr).getPublicKey();
        } catch (Exception e) {
            throw new IllegalArgumentException("unusable CSR: " + e.getMessage(), e);
        }
    }

    /** A client SVID leaf for {@code key} with one URI SAN, valid from an hour ago for {@code lifetime}. */
    public static X509Certificate issue(TestPki.Authority ca, PublicKey key, String uri, Instant notBefore,
                                        Duration lifetime) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(notBefore), Date.from(notBefore.plus(lifetime)), new X500Name("CN=svid"), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
            return sign(builder, ca.keys().getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a PKCS #12 key store to {@code file} for an HTTPS listener on 127.0.0.1 (such as WireMock's
     * {@code keystorePath}): the server key, under {@code password}, with the chain [server, {@code tlsRoot}].
     */
    public static void writeServerKeyStore(Path file, String password, TestPki.Authority tlsRoot,
            KeyPair serverKeys) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(tlsRoot.certificate(), serial(),
                    Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(Instant.now().plus(Duration.ofDays(1))),
                    new X500Name("CN=mis"), serverKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            X509Certificate server = sign(builder, tlsRoot.keys().getPrivate());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("mis", serverKeys.getPrivate(), password.toCharArray(),
                    new X509Certificate[] {server, tlsRoot.certificate()});
            try (OutputStream out = Files.newOutputStream(file)) {
                keys.store(out, password.toCharArray());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 201/200 answer body: spiffeId, certificateChain (PEM, leaf first), trustBundle. */
    public static String answer(String spiffeId, List<X509Certificate> chain, TestPki.Authority... anchors) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            pem.append(pem(certificate));
        }
        return "{\"spiffeId\":\"" + spiffeId + "\",\"certificateChain\":\"" + pem.toString().replace("\n", "\\n")
                + "\",\"notAfter\":\"" + chain.getFirst().getNotAfter().toInstant() + "\",\"trustBundle\":"
                + TestPki.bundleJson(7, anchors) + "}";
    }

    /** A certificate as PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
