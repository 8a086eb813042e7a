package org.openmargo.wfm.testpki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.helidon.common.tls.Tls;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Server-authenticated TLS for a test MIS listener: a TLS root that is no trust-domain anchor and a server certificate
 * under it for {@code localhost} and {@code 127.0.0.1}, so that a normal JDK client with host name checking trusts the
 * listener once it trusts the root (what a device pins).
 */
public final class MisTls {
    private final X509Certificate root;
    private final SSLContext server;
    private final SSLContext client;

    private MisTls(X509Certificate root, SSLContext server, SSLContext client) {
        this.root = root;
        this.server = server;
        this.client = client;
    }

    public static MisTls create() {
        try {
            KeyPair rootKeys = ec();
            Instant now = Instant.now();
            X500Name rootName = new X500Name("CN=test MIS TLS root");
            JcaX509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), rootName,
                    rootKeys.getPublic());
            rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate root = sign(rb, rootKeys);
            KeyPair leafKeys = ec();
            JcaX509v3CertificateBuilder lb = new JcaX509v3CertificateBuilder(root, BigInteger.TWO,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name("CN=localhost"), leafKeys.getPublic());
            lb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate leaf = sign(lb, rootKeys);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("1", leafKeys.getPrivate(), new char[0], new X509Certificate[] {leaf, root});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, new SecureRandom());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), new SecureRandom());
            return new MisTls(root, server, client);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listener's TLS configuration (no client authentication). */
    public Tls serverTls() {
        return Tls.builder().sslContext(server).build();
    }

    /** A client context trusting only the MIS TLS root. */
    public SSLContext clientContext() {
        return client;
    }

    /** {@code sha256:<hex of the root's DER>}. */
    public String pin() {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
