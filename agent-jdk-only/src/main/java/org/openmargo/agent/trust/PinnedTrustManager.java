package org.openmargo.agent.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts an MIS server whose presented chain contains a certificate with a pinned SHA-256 fingerprint (of its DER
 * encoding): that certificate becomes the only PKIX anchor, and the JDK's own PKIX trust manager then validates the
 * chain and checks the host name (RFC 6125) as the connection's {@code HTTPS} endpoint identification asks. So a pin
 * names a CA the MIS must send in its chain (a root or an intermediate), and a certificate the pin does not cover is
 * never trusted. Never acts for a server's client verification.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final Set<String> pins;

    PinnedTrustManager(List<String> pins) {
        this.pins = pins.stream().map(PinnedTrustManager::normalise).collect(Collectors.toUnmodifiableSet());
        if (this.pins.isEmpty()) {
            throw new IllegalArgumentException("no pins");
        }
    }

    /** Lower-case hex without separators; accepts {@code AB:CD:...} as keytool prints it. */
    static String normalise(String pin) {
        String hex = pin.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a pin must be a SHA-256 fingerprint (64 hex digits): " + pin);
        }
        return hex;
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
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
        throw new CertificateException("MIS connections need an engine or socket for the host name check");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private X509ExtendedTrustManager delegate(X509Certificate[] chain) throws CertificateException {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (X509Certificate certificate : chain) {
                if (pins.contains(fingerprint(certificate))) {
                    anchors.setCertificateEntry("pin-" + anchors.size(), certificate);
                }
            }
            if (anchors.size() == 0) {
                throw new CertificateException("the MIS chain contains no pinned certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (CertificateException e) {
            throw e;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot check the MIS chain: " + e.getMessage(), e);
        }
    }
}
