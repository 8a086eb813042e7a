package org.openmargo.wfm.testpki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A test client's view of the WFM (spec b.1, recognition by the WFM client): PKIX to the anchors without revocation,
 * then exactly one URI SAN equal to the expected WFM SPIFFE ID. No host name check. Refuses to act for a server.
 */
public final class WfmSvidTrustManager extends X509ExtendedTrustManager {
    private final Supplier<List<X509Certificate>> anchors;
    private final String wfmUri;

    WfmSvidTrustManager(X509Certificate anchor, String wfmUri) {
        this(() -> List.of(anchor), wfmUri);
    }

    /**
     * @param anchors the anchors of the moment (read at every handshake, so a test can follow a rotation)
     * @param wfmUri  the only URI SAN the WFM's leaf may carry
     */
    public WfmSvidTrustManager(Supplier<List<X509Certificate>> anchors, String wfmUri) {
        this.anchors = anchors;
        this.wfmUri = wfmUri;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
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
        return anchors.get().toArray(new X509Certificate[0]);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> current = anchors.get();
        List<X509Certificate> path = new ArrayList<>(List.of(chain));
        path.removeIf(current::contains);
        Set<TrustAnchor> trust = new java.util.HashSet<>();
        current.forEach(a -> trust.add(new TrustAnchor(a, null)));
        try {
            PKIXParameters parameters = new PKIXParameters(trust);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("WFM chain does not validate: " + e.getMessage(), e);
        }
        Collection<List<?>> names = chain[0].getSubjectAlternativeNames();
        List<Object> uris = new ArrayList<>();
        if (names != null) {
            names.stream().filter(n -> Integer.valueOf(6).equals(n.get(0))).forEach(n -> uris.add(n.get(1)));
        }
        if (!uris.equals(List.of(wfmUri))) {
            throw new CertificateException("WFM SPIFFE ID " + uris + " is not " + wfmUri);
        }
    }
}
