package org.openmargo.spectests;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The initial trust of a device towards the identity service's HTTPS endpoints (spec b.1, bootstrap): either
 * PKI-anchored validation against given anchors or operator pins, and in both cases the normal {@code HTTPS} host name
 * check (RFC 6125), which {@link java.net.http.HttpClient} asks the JDK's PKIX trust manager for. The contexts present
 * no client certificate. Never trust on first use: the anchors or pins come from configuration, not from the server.
 */
final class MisTrust {
    private MisTrust() {
    }

    /** TLS 1.3/1.2 trusting exactly {@code anchors} (e.g. an enterprise or private CA). */
    static SSLContext anchored(Collection<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no MIS trust anchors");
        }
        return context(new TrustManager[] {pkix(anchors)});
    }

    /**
     * TLS 1.3/1.2 trusting a server whose presented chain contains a certificate whose SHA-256 DER fingerprint is one
     * of {@code pins} ({@code sha256:<hex>}, bare hex, or colon-separated hex): only that certificate becomes the PKIX
     * anchor for the connection, so a chain the pins do not cover is refused.
     */
    static SSLContext pinned(Collection<String> pins) throws GeneralSecurityException {
        Set<String> normalised = pins.stream().map(MisTrust::normalise).collect(Collectors.toUnmodifiableSet());
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("no MIS pins");
        }
        return context(new TrustManager[] {new Pinned(normalised)});
    }

    private static SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trust, null);
        return ctx;
    }

    static String normalise(String pin) {
        String p = pin.strip().toLowerCase(Locale.ROOT);
        String hex = (p.startsWith("sha256:") ? p.substring("sha256:".length()) : p).replace(":", "");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a pin is a SHA-256 fingerprint (sha256:<64 hex digits>): " + pin);
        }
        return hex;
    }

    private static X509ExtendedTrustManager pkix(Collection<X509Certificate> anchors)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (X509Certificate anchor : anchors) {
            ks.setCertificateEntry("anchor-" + ks.size(), anchor);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(ks);
        return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    }

    /** Delegates to a PKIX trust manager whose only anchors are the pinned certificates of the presented chain. */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final Set<String> pins;

        Pinned(Set<String> pins) {
            this.pins = pins;
        }

        private X509ExtendedTrustManager delegate(X509Certificate[] chain) throws CertificateException {
            try {
                List<X509Certificate> pinned = new ArrayList<>();
                for (X509Certificate c : chain) {
                    if (pins.contains(HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(c.getEncoded())))) {
                        pinned.add(c);
                    }
                }
                if (pinned.isEmpty()) {
                    throw new CertificateException("the MIS presented no certificate with a configured pin");
                }
                return pkix(pinned);
            } catch (GeneralSecurityException | IOException e) {
                throw e instanceof CertificateException ce ? ce
                        : new CertificateException("cannot check the MIS chain: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate(chain).checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate(chain).checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("an MIS connection needs an engine or socket for the host name check");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a device does not accept client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
