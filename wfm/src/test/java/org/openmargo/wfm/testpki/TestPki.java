package org.openmargo.wfm.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for one trust domain, for tests of the WFM, the conformance suite and benchmarks. Everything is
 * ECDSA P-256 with SHA-256 (the algorithm MIAF makes mandatory) and lives in memory until written to files.
 *
 * <p>One instance has a root CA; {@link #newIntermediate()} adds intermediates under it, {@link #newRoot(String)}
 * makes unrelated CAs (an "unknown CA", or a second anchor for rotation tests). Leaves are valid from one hour
 * before {@link #now()} to one hour after, unless a {@link LeafSpec} says otherwise. Negative cases have their own
 * factories ({@link #expiredClient}, {@link #caAsLeaf} ...).
 *
 * <p><b>Client TLS.</b> {@link #clientContext(Svid)} returns an {@link SSLContext} that presents the SVID and trusts
 * the WFM by SVID rules, not by host name: the WFM certificate has no DNS SAN, so its trust manager is a custom
 * {@link javax.net.ssl.X509ExtendedTrustManager} that validates the chain to this PKI's root (PKIX, no revocation)
 * and requires the URI SAN {@code spiffe://<td>/margo/wfm/<wfm-id>}, as spec b.1 recommends for Java clients. The
 * JDK performs endpoint identification inside its own trust manager only, so with this one
 * {@code java.net.http.HttpClient} needs no {@code jdk.internal.httpclient.disableHostnameVerification} property and
 * works against {@code https://localhost:<port>} as is.
 *
 * <p>Not thread safe; create one per test class.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration LEAF_SLACK = Duration.ofHours(1);

    private final String trustDomain;
    private final String wfmId;
    private final Instant now;
    private final Authority root;
    private int intermediates;

    /**
     * A certificate authority.
     *
     * @param name        its common name
     * @param keys        its key pair
     * @param certificate its certificate
     * @param presented   the certificates a leaf it issues presents above itself: empty for a root, the
     *                    intermediate (and any intermediates above it) otherwise
     */
    public record Authority(String name, KeyPair keys, X509Certificate certificate,
                            List<X509Certificate> presented) {
        public Authority {
            presented = List.copyOf(presented);
        }
    }

    /**
     * An X.509-SVID with its key.
     *
     * @param key   the private key
     * @param chain leaf first, then the intermediates to present; never the root
     */
    public record Svid(PrivateKey key, List<X509Certificate> chain) {
        public Svid {
            chain = List.copyOf(chain);
        }

        /** The leaf certificate. */
        public X509Certificate leaf() {
            return chain.getFirst();
        }

        /** The chain as an array, leaf first. */
        public X509Certificate[] chainArray() {
            return chain.toArray(new X509Certificate[0]);
        }
    }

    /**
     * How to issue a leaf.
     *
     * @param uris        the URI SANs, in order; empty for none
     * @param notBefore   start of validity
     * @param notAfter    end of validity
     * @param ca          basicConstraints cA=true
     * @param keyCertSign whether the keyCertSign key usage is set (beside digitalSignature)
     * @param rsaBits     the bits of an RSA leaf key; 0 for the default P-256 key
     * @param digitalSignature whether the digitalSignature key usage is set
     * @param clientAuth  whether the extended key usage lists clientAuth (beside serverAuth)
     */
    public record LeafSpec(List<String> uris, Instant notBefore, Instant notAfter, boolean ca, boolean keyCertSign,
                           int rsaBits, boolean digitalSignature, boolean clientAuth) {
        public LeafSpec {
            uris = List.copyOf(uris);
        }

        /** A leaf with a P-256 key, digitalSignature and serverAuth+clientAuth. */
        public LeafSpec(List<String> uris, Instant notBefore, Instant notAfter, boolean ca, boolean keyCertSign) {
            this(uris, notBefore, notAfter, ca, keyCertSign, 0, true, true);
        }

        public LeafSpec withUris(String... newUris) {
            return new LeafSpec(List.of(newUris), notBefore, notAfter, ca, keyCertSign, rsaBits, digitalSignature,
                    clientAuth);
        }

        public LeafSpec withValidity(Instant from, Instant until) {
            return new LeafSpec(uris, from, until, ca, keyCertSign, rsaBits, digitalSignature, clientAuth);
        }

        public LeafSpec withCa() {
            return new LeafSpec(uris, notBefore, notAfter, true, keyCertSign, rsaBits, digitalSignature, clientAuth);
        }

        public LeafSpec withKeyCertSign() {
            return new LeafSpec(uris, notBefore, notAfter, ca, true, rsaBits, digitalSignature, clientAuth);
        }

        /** An RSA key of {@code bits} instead of P-256. */
        public LeafSpec withRsaKey(int bits) {
            return new LeafSpec(uris, notBefore, notAfter, ca, keyCertSign, bits, digitalSignature, clientAuth);
        }

        /** keyUsage without digitalSignature (keyEncipherment instead, so the extension stays present). */
        public LeafSpec withoutDigitalSignature() {
            return new LeafSpec(uris, notBefore, notAfter, ca, keyCertSign, rsaBits, false, clientAuth);
        }

        /** extKeyUsage serverAuth only. */
        public LeafSpec withoutClientAuth() {
            return new LeafSpec(uris, notBefore, notAfter, ca, keyCertSign, rsaBits, digitalSignature, false);
        }
    }

    /**
     * The files {@link #writeServerFiles(Path)} wrote.
     *
     * @param certificateChain the WFM SVID chain PEM, leaf first
     * @param privateKey       the WFM PKCS#8 private key PEM
     * @param trustBundle      the SPIFFE bundle JSON with the root as only anchor, {@code spiffe_sequence} 1
     */
    public record ServerFiles(Path certificateChain, Path privateKey, Path trustBundle) {
    }

    private TestPki(String trustDomain, String wfmId, Instant now) {
        this.trustDomain = trustDomain;
        this.wfmId = wfmId;
        this.now = now;
        this.root = newRoot(trustDomain + " root CA", now);
    }

    /** A PKI whose validity periods centre on the current time. */
    public static TestPki create(String trustDomain, String wfmId) {
        return create(trustDomain, wfmId, Instant.now());
    }

    /** A PKI whose validity periods centre on {@code now}. */
    public static TestPki create(String trustDomain, String wfmId, Instant now) {
        return new TestPki(trustDomain, wfmId, now);
    }

    public String trustDomain() {
        return trustDomain;
    }

    public String wfmId() {
        return wfmId;
    }

    /** The instant the default validity periods centre on. */
    public Instant now() {
        return now;
    }

    /** The root CA: the anchor of the bundle {@link #writeServerFiles(Path)} writes. */
    public Authority root() {
        return root;
    }

    /** A new self-signed CA unrelated to this PKI's root, valid for a year around {@link #now()}. */
    public Authority newRoot(String name) {
        return newRoot(name, now);
    }

    /** A new intermediate CA signed by the root. */
    public Authority newIntermediate() {
        intermediates++;
        return authority(trustDomain + " intermediate " + intermediates, root);
    }

    /** {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<clientId>}. */
    public String clientUri(String clientId) {
        return "spiffe://" + trustDomain + "/margo/wfm/" + wfmId + "/client/" + clientId;
    }

    /** {@code spiffe://<td>/margo/wfm/<wfm-id>}. */
    public String wfmUri() {
        return "spiffe://" + trustDomain + "/margo/wfm/" + wfmId;
    }

    /** The default leaf spec for one URI SAN. */
    public LeafSpec leafSpec(String uri) {
        return new LeafSpec(List.of(uri), now.minus(LEAF_SLACK), now.plus(LEAF_SLACK), false, false);
    }

    /** A valid client SVID issued by the root. */
    public Svid client(String clientId) {
        return issue(root, leafSpec(clientUri(clientId)));
    }

    /** A valid client SVID issued by {@code issuer} (for example an intermediate). */
    public Svid client(Authority issuer, String clientId) {
        return issue(issuer, leafSpec(clientUri(clientId)));
    }

    /** The WFM's own server SVID, issued by the root. */
    public Svid wfmServer() {
        return issue(root, leafSpec(wfmUri()));
    }

    /** A client SVID whose validity ended a minute before {@link #now()}. */
    public Svid expiredClient(String clientId) {
        return issue(root, leafSpec(clientUri(clientId)).withValidity(now.minus(Duration.ofDays(1)),
                now.minus(Duration.ofMinutes(1))));
    }

    /** A client SVID whose validity starts a day after {@link #now()}. */
    public Svid notYetValidClient(String clientId) {
        return issue(root, leafSpec(clientUri(clientId)).withValidity(now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2))));
    }

    /** A client-shaped certificate with cA=true. */
    public Svid caAsLeaf(String clientId) {
        return issue(root, leafSpec(clientUri(clientId)).withCa());
    }

    /** A client SVID with the keyCertSign key usage. */
    public Svid keyCertSignLeaf(String clientId) {
        return issue(root, leafSpec(clientUri(clientId)).withKeyCertSign());
    }

    /** A client SVID with a second URI SAN. */
    public Svid twoUriSans(String clientId) {
        return issue(root, leafSpec(clientUri(clientId)).withUris(clientUri(clientId), clientUri(clientId + "-2")));
    }

    /** A certificate with no URI SAN at all. */
    public Svid noUriSan() {
        return issue(root, leafSpec("unused").withUris());
    }

    /** A client-shaped SVID in another trust domain, issued by this PKI's root. */
    public Svid wrongTrustDomain(String clientId) {
        return issue(root, leafSpec("spiffe://other." + trustDomain + "/margo/wfm/" + wfmId + "/client/" + clientId));
    }

    /** A well-formed client SVID issued by a CA that is in no bundle. */
    public Svid unknownCaClient(String clientId) {
        return issue(newRoot("unknown CA"), leafSpec(clientUri(clientId)));
    }

    /** Issues a leaf under {@code issuer}; the chain carries the issuer's presented certificates. */
    public Svid issue(Authority issuer, LeafSpec spec) {
        KeyPair keys = spec.rsaBits() == 0 ? ecKeys() : rsaKeys(spec.rsaBits());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer.certificate(), serial(), Date.from(spec.notBefore()), Date.from(spec.notAfter()),
                    new X500Name("CN=svid"), keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca()));
            int usage = (spec.digitalSignature() ? KeyUsage.digitalSignature : KeyUsage.keyEncipherment)
                    | (spec.keyCertSign() ? KeyUsage.keyCertSign : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.clientAuth()
                    ? new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}
                    : new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            if (!spec.uris().isEmpty()) {
                GeneralName[] names = spec.uris().stream()
                        .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuer.certificate()));
            X509Certificate leaf = sign(builder, issuer.keys().getPrivate());
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(leaf);
            chain.addAll(issuer.presented());
            return new Svid(keys.getPrivate(), chain);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the WFM chain, key and a SPIFFE bundle (root only, sequence 1) into {@code directory}. */
    public ServerFiles writeServerFiles(Path directory) throws IOException {
        Files.createDirectories(directory);
        Svid server = wfmServer();
        ServerFiles files = new ServerFiles(directory.resolve("wfm-chain.pem"), directory.resolve("wfm-key.pem"),
                directory.resolve("bundle.json"));
        writeChainPem(files.certificateChain(), server);
        writeKeyPem(files.privateKey(), server.key());
        writeBundleJson(files.trustBundle(), 1, root);
        return files;
    }

    /** Writes a SPIFFE bundle with one {@code x509-svid} key per anchor, plus one {@code jwt-svid} key to ignore. */
    public static void writeBundleJson(Path file, long sequence, Authority... anchors) throws IOException {
        Files.writeString(file, bundleJson(sequence, anchors));
    }

    /** The text of a SPIFFE bundle (JWK Set) with one {@code x509-svid} key per anchor and one jwt-svid key. */
    public static String bundleJson(long sequence, Authority... anchors) {
        StringBuilder json = new StringBuilder();
        json.append("{\"spiffe_sequence\":").append(sequence).append(",\"spiffe_refresh_hint\":300,\"keys\":[");
        for (Authority anchor : anchors) {
            json.append("{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"x509-svid\",\"x5c\":[\"")
                    .append(Base64.getEncoder().encodeToString(encoded(anchor.certificate()))).append("\"]},");
        }
        json.append("{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"jwt-svid\",\"kid\":\"ignored\",\"x\":\"AA\",\"y\":\"AA\"}");
        return json.append("]}").toString();
    }

    /** Writes the anchors as a PEM file of CERTIFICATE blocks. */
    public static void writePemBundle(Path file, Authority... anchors) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (Authority anchor : anchors) {
            pem.append(pem("CERTIFICATE", encoded(anchor.certificate())));
        }
        Files.writeString(file, pem);
    }

    /** Writes an SVID's chain (leaf first) as PEM. */
    public static void writeChainPem(Path file, Svid svid) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : svid.chain()) {
            pem.append(pem("CERTIFICATE", encoded(certificate)));
        }
        Files.writeString(file, pem);
    }

    /** Writes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block. */
    public static void writeKeyPem(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
    }

    /** A client TLS context presenting {@code svid} and trusting the WFM SVID under this PKI's root. */
    public SSLContext clientContext(Svid svid) {
        return context(svid, root);
    }

    /**
     * Like {@link #clientContext(Svid)}, and counts in {@code certificateRequests} every time the server asks for the
     * client certificate. A TLS 1.3 handshake resumed with a PSK has no CertificateRequest, so an unchanged count
     * across a new connection shows that the session was resumed.
     */
    public SSLContext clientContext(Svid svid, AtomicInteger certificateRequests) {
        return context(svid, root, certificateRequests);
    }

    /** A client TLS context that presents no certificate and trusts the WFM SVID under this PKI's root. */
    public SSLContext clientContextWithoutCertificate() {
        return context(null, root);
    }

    private SSLContext context(Svid svid, Authority anchor) {
        return context(svid, anchor, new AtomicInteger());
    }

    private SSLContext context(Svid svid, Authority anchor, AtomicInteger certificateRequests) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = null;
            if (svid != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("svid", svid.key(), new char[0], svid.chainArray());
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
            }
            TrustManager trust = new WfmSvidTrustManager(anchor.certificate(), wfmUri());
            KeyManager[] keyManagers = keys == null ? null
                    : new KeyManager[] {new CountingKeyManager(
                            (X509ExtendedKeyManager) keys.getKeyManagers()[0], certificateRequests)};
            context.init(keyManagers, new TrustManager[] {trust}, RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Authority newRoot(String name, Instant now) {
        KeyPair keys = ecKeys();
        try {
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    keys.getPublic());
            caExtensions(builder, keys, null);
            return new Authority(name, keys, sign(builder, keys.getPrivate()), List.of());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Authority authority(String name, Authority issuer) {
        KeyPair keys = ecKeys();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(180))),
                    new X500Name("CN=" + name), keys.getPublic());
            caExtensions(builder, keys, issuer.certificate());
            X509Certificate certificate = sign(builder, issuer.keys().getPrivate());
            List<X509Certificate> presented = new ArrayList<>();
            presented.add(certificate);
            presented.addAll(issuer.presented());
            return new Authority(name, keys, certificate, presented);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void caExtensions(X509v3CertificateBuilder builder, KeyPair keys, X509Certificate issuer)
            throws CertIOException, GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        if (issuer != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair rsaKeys(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
