package org.openmargo.wfm.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A local certificate authority for trying the WFM without an enterprise PKI: on first start it creates an ECDSA
 * P-256 root for the trust domain, the WFM's own X.509-SVID ({@code spiffe://<td>/margo/wfm/<wfm-id>}) and one client
 * SVID for a local agent, under {@code <data-dir>/pki}. Later starts reuse what is there. Private keys are written
 * owner-readable only. This is a development convenience, not a Margo Identity Service: production deployments
 * configure their own bundle and SVID.
 */
public final class DevelopmentPki {
    /** The client id of the SVID issued for a local agent. */
    public static final String DEMO_CLIENT = "demo-agent";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SVID_LIFETIME = Duration.ofDays(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevelopmentPki() {
    }

    /**
     * Where the material lives.
     *
     * @param bundle      SPIFFE bundle JSON holding the root
     * @param certificate the WFM's SVID chain (PEM)
     * @param privateKey  its PKCS#8 key (PEM)
     * @param clientDir   directory with the demo client's {@code svid.pem} and {@code svid.key}
     */
    public record Material(Path bundle, Path certificate, Path privateKey, Path clientDir) {
    }

    /** Creates the development PKI under {@code dir} unless it exists already, and returns its files. */
    public static Material ensure(Path dir, String trustDomain, String wfmId) throws IOException {
        Material m = new Material(dir.resolve("bundle.json"), dir.resolve("wfm.pem"), dir.resolve("wfm.key"),
                dir.resolve("clients").resolve(DEMO_CLIENT));
        if (Files.exists(m.bundle()) && Files.exists(m.certificate()) && Files.exists(m.privateKey())) {
            return m;
        }
        try {
            Files.createDirectories(m.clientDir());
            KeyPair caKeys = ecKeyPair();
            X500Name caName = new X500Name("O=OpenMargo development CA,CN=" + trustDomain);
            X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPublic(), null, CA_LIFETIME, true);
            writeKey(dir.resolve("ca.key"), caKeys.getPrivate());
            write(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded()));

            String wfmSpiffe = "spiffe://" + trustDomain + "/margo/wfm/" + wfmId;
            issue(m.certificate(), m.privateKey(), wfmSpiffe, caName, caKeys, ca);
            issue(m.clientDir().resolve("svid.pem"), m.clientDir().resolve("svid.key"),
                    wfmSpiffe + "/client/" + DEMO_CLIENT, caName, caKeys, ca);
            write(m.clientDir().resolve("bundle.pem"), pem("CERTIFICATE", ca.getEncoded()));
            write(m.bundle(), SpiffeBundleJson.of(ca, 1, Duration.ofMinutes(5)));
            return m;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not create the development PKI: " + e.getMessage(), e);
        }
    }

    /**
     * Issues a client SVID for {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<clientId>} with the development CA
     * created by {@link #ensure}, into {@code <dir>/clients/<clientId>/} ({@code svid.pem}, {@code svid.key},
     * {@code bundle.pem}). An existing SVID for that client is replaced.
     *
     * @return the client's directory
     */
    public static Path issueClient(Path dir, String trustDomain, String wfmId, String clientId) throws IOException {
        if (!clientId.matches("[A-Za-z0-9._~-]{1,200}") || clientId.equals(".") || clientId.equals("..")) {
            throw new IllegalArgumentException("a client id is 1-200 RFC 3986 unreserved characters, not '.' or '..'");
        }
        ensure(dir, trustDomain, wfmId);
        try {
            X509Certificate ca = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.pem"))));
            PrivateKey caKey = readKey(dir.resolve("ca.key"));
            KeyPair caKeys = new KeyPair(ca.getPublicKey(), caKey);
            X500Name caName = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            Path clientDir = dir.resolve("clients").resolve(clientId);
            Files.createDirectories(clientDir);
            issue(clientDir.resolve("svid.pem"), clientDir.resolve("svid.key"),
                    "spiffe://" + trustDomain + "/margo/wfm/" + wfmId + "/client/" + clientId, caName, caKeys, ca);
            write(clientDir.resolve("bundle.pem"), pem("CERTIFICATE", ca.getEncoded()));
            return clientDir;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not issue a client SVID: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void issue(Path certFile, Path keyFile, String spiffeId, X500Name caName, KeyPair caKeys,
                              X509Certificate ca) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        KeyPair keys = ecKeyPair();
        X509Certificate leaf = sign(new X500Name("O=OpenMargo"), keys, caName, keys.getPublic(), caKeys,
                SVID_LIFETIME, false, spiffeId);
        writeKey(keyFile, keys.getPrivate());
        write(certFile, pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer,
                                        java.security.PublicKey publicKey, KeyPair issuerKeys, Duration lifetime,
                                        boolean ca, String... uriSans)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        KeyPair signer = issuerKeys == null ? subjectKeys : issuerKeys;
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(lifetime)), subject, publicKey);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                ext.createAuthorityKeyIdentifier(signer.getPublic()));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            GeneralName[] names = new GeneralName[uriSans.length];
            for (int i = 0; i < uriSans.length; i++) {
                names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, uriSans[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(names));
        }
        var contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(contentSigner));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        StringWriter w = new StringWriter();
        w.write("-----BEGIN " + type + "-----\n");
        w.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
        w.write("\n-----END " + type + "-----\n");
        return w.toString();
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, pem("PRIVATE KEY", key.getEncoded()));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
