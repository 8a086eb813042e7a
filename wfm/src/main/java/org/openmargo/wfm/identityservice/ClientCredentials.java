package org.openmargo.wfm.identityservice;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A client key and SVID made <strong>on the WFM</strong>: the key is generated here, a CSR is built and signed with it,
 * and {@link IdentityService#issueClient} issues the SVID exactly as for a device's own CSR. This is for demos
 * ({@code wfm.identity-service.demo-client}, used by the benchmark scripts), load tests and test harnesses only: a real
 * device generates its key itself and never lets it leave ({@code agent enroll}).
 *
 * @param key  the client's private key (EC P-256)
 * @param svid the issued SVID
 */
public record ClientCredentials(PrivateKey key, IssuedSvid svid) {

    /** Generates a key, builds a CSR with it and has {@code service} issue the SVID for {@code clientId}. */
    public static ClientCredentials issue(IdentityService service, String clientId) {
        KeyPair pair = WfmCredential.newKey();
        return new ClientCredentials(pair.getPrivate(), service.issueClient(clientId, csr(pair)));
    }

    /** A PEM PKCS#10 request signed with {@code pair} (subject {@code CN=openmargo-client}). */
    public static String csr(KeyPair pair) {
        try {
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=openmargo-client"),
                    pair.getPublic()).build(new JcaContentSignerBuilder(
                    pair.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA"
                            : pair.getPublic().getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256withECDSA")
                    .build(pair.getPrivate()));
            return pem("CERTIFICATE REQUEST", request.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a CSR: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code svid.pem} (the chain), {@code svid.key} (PKCS#8, owner-only) and {@code bundle.pem} (the
     * {@code anchors}) into {@code dir}, each replaced atomically.
     */
    public void write(Path dir, List<X509Certificate> anchors) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("svid.key"), pem("PRIVATE KEY", key.getEncoded()), true);
        writeAtomically(dir.resolve("svid.pem"), pems(svid.chain()), false);
        writeAtomically(dir.resolve("bundle.pem"), pems(anchors), false);
    }

    static String pems(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        try {
            for (X509Certificate c : certificates) {
                text.append(pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded", e);
        }
        return text.toString();
    }

    static String pem(String label, byte[] der) {
        StringWriter w = new StringWriter();
        w.write("-----BEGIN " + label + "-----\n");
        w.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
        w.write("\n-----END " + label + "-----\n");
        return w.toString();
    }

    static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
