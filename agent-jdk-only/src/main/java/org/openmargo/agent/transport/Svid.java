package org.openmargo.agent.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The agent's own X.509-SVID: the certificate chain it presents to the WFM (leaf first, then the intermediates needed
 * to reach an anchor; spec b.1) and the matching private key.
 *
 * <p>The leaf must carry exactly one URI SAN of the WFM Client shape
 * {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<wfm-client-id>}. The trust domain and {@code wfm-id} taken from it
 * are the only source of the WFM SPIFFE ID the agent accepts ({@link #wfmSpiffeId()}); configuration cannot override
 * them (spec b.1, "Recognition by the WFM Client").
 *
 * <p>Loading does not reject an expired SVID: the agent still needs to read it to report and renew it. Use
 * {@link #notAfter()} to decide. Immutable and thread safe.
 */
public final class Svid {
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final SpiffeId id;

    private Svid(List<X509Certificate> chain, PrivateKey key, SpiffeId id) {
        this.chain = chain;
        this.key = key;
        this.id = id;
    }

    /**
     * Reads a PEM certificate chain (leaf first) and an unencrypted PKCS#8 {@code PRIVATE KEY} PEM (or, for an EC key,
     * the SEC1 {@code EC PRIVATE KEY} that OpenSSL writes). EC (P-256, P-384), RSA and Ed25519 keys are accepted.
     *
     * @throws IOException naming the file when it cannot be read, holds no usable PEM, the key does not belong to the
     *                     leaf, or the leaf is not a WFM Client SVID
     */
    public static Svid load(Path chainPem, Path keyPem) throws IOException {
        List<X509Certificate> chain = readChain(chainPem);
        PrivateKey key;
        try {
            key = PemKeys.privateKey(Files.readString(keyPem, StandardCharsets.US_ASCII),
                    chain.getFirst().getPublicKey());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(keyPem + ": " + e.getMessage(), e);
        }
        try {
            return of(chain, key);
        } catch (IllegalArgumentException e) {
            throw new IOException(chainPem + " with " + keyPem + ": " + e.getMessage(), e);
        }
    }

    /**
     * An SVID from certificates and a key already in memory.
     *
     * @throws IllegalArgumentException if the chain is empty, the leaf is a CA, its SPIFFE ID is not a WFM Client ID,
     *                                  or the key does not sign for the leaf's public key
     */
    public static Svid of(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        X509Certificate leaf = chain.getFirst();
        if (leaf.getBasicConstraints() != -1) {
            throw new IllegalArgumentException("the leaf is a CA certificate (cA=true), not an SVID");
        }
        SpiffeId id = SpiffeId.of(leaf);
        List<String> s = id.segments();
        if (s.size() != 5 || !s.get(0).equals("margo") || !s.get(1).equals("wfm") || !s.get(3).equals("client")) {
            throw new IllegalArgumentException("SPIFFE ID " + id
                    + " is not of the form spiffe://<td>/margo/wfm/<wfm-id>/client/<wfm-client-id>");
        }
        PemKeys.requireMatch(key, leaf);
        return new Svid(List.copyOf(chain), key, id);
    }

    /** The chain to present, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The private key of the leaf. */
    public PrivateKey privateKey() {
        return key;
    }

    /** The full SPIFFE ID, {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<wfm-client-id>}. */
    public String spiffeId() {
        return id.toString();
    }

    /** The trust domain. */
    public String trustDomain() {
        return id.trustDomain();
    }

    /** The {@code wfm-id} this client belongs to. */
    public String wfmId() {
        return id.segments().get(2);
    }

    /** The {@code wfm-client-id}. */
    public String clientId() {
        return id.segments().get(4);
    }

    /** The only SPIFFE ID this agent accepts from its WFM: {@code spiffe://<td>/margo/wfm/<wfm-id>}. */
    public String wfmSpiffeId() {
        return "spiffe://" + trustDomain() + "/margo/wfm/" + wfmId();
    }

    /** The end of the leaf's validity. */
    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "Svid[" + spiffeId() + ", notAfter=" + notAfter() + "]";
    }

    private static List<X509Certificate> readChain(Path file) throws IOException {
        byte[] pem = Files.readAllBytes(file);
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IOException(file + ": no CERTIFICATE PEM block");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
        }
    }
}
