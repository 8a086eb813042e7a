package org.openmargo.wfm.forwarded;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;

/**
 * The identity of the TLS-terminating proxy that may forward client certificates: the SHA-256 fingerprints
 * ({@code sha256:<64 lower-case hex>} of the DER) of the certificates the proxy presents as a TLS client. Pinning the
 * certificate itself, not a CA, means no certificate the WFM's own CA issues (a device's SVID) can ever pass for the
 * proxy.
 *
 * <p>Used twice: in the handshake ({@link #trustManager()} refuses any other client certificate) and on every request
 * ({@link #isProxy}), because a resumed session skips the handshake check. Immutable; thread safe.
 */
public final class ProxyIdentity {
    /** The accepted fingerprint form. */
    public static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Set<String> fingerprints;

    private ProxyIdentity(Set<String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    /**
     * @param fingerprints at least one, each matching {@link #FINGERPRINT}
     * @throws IllegalArgumentException when the set is empty or a fingerprint is malformed
     */
    public static ProxyIdentity of(Set<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("at least one proxy certificate fingerprint is needed");
        }
        for (String f : fingerprints) {
            if (!FINGERPRINT.matcher(f).matches()) {
                throw new IllegalArgumentException("not a fingerprint of the form sha256:<64 lower-case hex>: " + f);
            }
        }
        return new ProxyIdentity(Set.copyOf(fingerprints));
    }

    /** The fingerprint of a certificate, in the form of {@link #FINGERPRINT}. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** Whether the connection's TLS peer presented one of the pinned certificates as its leaf. */
    public boolean isProxy(Optional<Certificate[]> peerChain) {
        Certificate[] chain = peerChain.orElse(new Certificate[0]);
        return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                && fingerprints.contains(fingerprint(leaf));
    }

    /**
     * Helidon TLS for the proxied listener: TLS 1.3 only, the server presents what {@code keys} holds (the WFM's own
     * SVID), and client authentication is required and decided by {@link #trustManager()}.
     */
    public Tls serverTls(X509KeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trustManager()}, new SecureRandom());
            return Tls.builder().sslContext(context).enabledProtocols(List.of("TLSv1.3"))
                    .clientAuth(TlsClientAuth.REQUIRED).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the proxied listener's TLS context: " + e.getMessage(), e);
        }
    }

    /** A trust manager for the proxied listener's handshake: a client must present a pinned certificate. */
    public X509TrustManager trustManager() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0 || !fingerprints.contains(fingerprint(chain[0]))) {
                    throw new CertificateException("the client certificate is not the configured proxy's");
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not used for servers");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}
