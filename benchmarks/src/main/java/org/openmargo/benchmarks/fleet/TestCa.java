package org.openmargo.benchmarks.fleet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA for the fleet simulator: an EC P-256 self-signed root that the WFM is started with as its
 * operator-supplied CA ({@code wfm.identity-service.ca-certificate} and {@code ca-private-key}), so the WFM publishes it
 * as the trust-domain anchor and its device API trusts the client SVIDs this class issues offline, in bulk, with the
 * profile of the WFM's own CA (not a CA, keyUsage digitalSignature, extKeyUsage serverAuth and clientAuth, one URI SAN
 * of the client shape). Thread safe.
 */
final class TestCa {
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private final X509Certificate certificate;
    private final PrivateKey key;

    private TestCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** One device's credentials: its SVID (leaf only: the anchor is not sent) and key. */
    record Issued(X509Certificate svid, PrivateKey key) {
    }

    /** Creates a root valid for 10 days and writes {@code ca.pem} and {@code ca.key} (PKCS#8) into {@code dir}. */
    static void create(Path dir, String trustDomain) throws Exception {
        KeyPair pair = newKey();
        Instant now = Instant.now();
        X500Name name = new X500Name("O=OpenMargo fleet simulator,CN=" + trustDomain + " test CA");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(Duration.ofDays(10))), name, pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        X509Certificate root = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", root.getEncoded()));
        Files.writeString(dir.resolve("ca.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    /** Reads what {@link #create} wrote. */
    static TestCa read(Path dir) throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.pem"))));
        String pem = Files.readString(dir.resolve("ca.key"));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim())));
        return new TestCa(root, key);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A fresh key and an SVID for {@code spiffeId}, valid for {@code lifetime}. */
    Issued issue(String spiffeId, Duration lifetime) throws Exception {
        KeyPair pair = newKey();
        Instant now = Instant.now();
        // Not shared between threads: its digest is not thread safe (identifiers came out as the hash of nothing).
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(lifetime)),
                new X500Name("O=OpenMargo,CN=" + spiffeId.substring(spiffeId.lastIndexOf('/') + 1)),
                pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId)));
        b.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        X509Certificate svid = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        return new Issued(svid, pair.getPrivate());
    }

    /** Writes {@code server.pem}: an SVID for {@code spiffeId} and its key, as HAProxy's {@code crt} wants them. */
    void writeServer(Path dir, String spiffeId) throws Exception {
        Issued server = issue(spiffeId, Duration.ofDays(2));
        Files.writeString(dir.resolve("server.pem"), pem("CERTIFICATE", server.svid().getEncoded())
                + pem("PRIVATE KEY", server.key().getEncoded()));
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(152, new SecureRandom()).add(BigInteger.ONE);
    }

    static String pem(String label, byte[] der) throws IOException {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
