package org.openmargo.spectests;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of a Margo device (spec b.1, "recognition by the WFM client"): present the client's X.509-SVID, accept
 * the server only when its chain validates against the trust anchors and its SPIFFE ID is exactly
 * {@code spiffe://<td>/margo/wfm/<wfm-id>} with both parts taken from the client's own SVID. There is deliberately no
 * host-name check: the WFM's identity is its SPIFFE ID.
 */
final class SvidTls {
    private SvidTls() {
    }

    /** A TLS 1.3 context presenting {@code chain}/{@code key} and verifying the WFM as described above. */
    static SSLContext context(List<X509Certificate> chain, PrivateKey key, Collection<X509Certificate> anchors)
            throws GeneralSecurityException, java.io.IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("svid", key, new char[0], chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {
                new WfmVerifier(expectedWfmId(chain.get(0)), anchors)}, null);
        return ctx;
    }

    /** A TLS 1.3 context that presents no client certificate but still verifies the WFM. */
    static SSLContext anonymous(X509Certificate clientSvidForWfmId, Collection<X509Certificate> anchors)
            throws GeneralSecurityException, java.io.IOException {
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, new javax.net.ssl.TrustManager[] {
                new WfmVerifier(expectedWfmId(clientSvidForWfmId), anchors)}, null);
        return ctx;
    }

    static String spiffeId(X509Certificate cert) throws CertificateParsingException {
        List<String> uris = new ArrayList<>();
        if (cert.getSubjectAlternativeNames() != null) {
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                if (Integer.valueOf(6).equals(san.get(0))) {
                    uris.add((String) san.get(1));
                }
            }
        }
        if (uris.size() != 1 || !uris.get(0).startsWith("spiffe://")) {
            throw new CertificateParsingException("an X.509-SVID carries exactly one spiffe:// URI SAN");
        }
        return uris.get(0);
    }

    private static String expectedWfmId(X509Certificate clientSvid) throws CertificateParsingException {
        String id = spiffeId(clientSvid);
        int client = id.indexOf("/client/");
        if (!id.contains("/margo/wfm/") || client < 0) {
            throw new CertificateParsingException("not a WFM client SVID: " + id);
        }
        return id.substring(0, client);
    }

    private static final class WfmVerifier extends X509ExtendedTrustManager {
        private final String expected;
        private final Set<TrustAnchor> anchors = new HashSet<>();

        WfmVerifier(String expected, Collection<X509Certificate> anchorCerts) {
            this.expected = expected;
            anchorCerts.forEach(a -> anchors.add(new TrustAnchor(a, null)));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                PKIXParameters params = new PKIXParameters(anchors);
                params.setRevocationEnabled(false);
                List<X509Certificate> path = new ArrayList<>(List.of(chain));
                path.removeIf(c -> anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c)));
                CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            } catch (GeneralSecurityException e) {
                throw new CertificateException("WFM chain does not validate: " + e.getMessage(), e);
            }
            String actual = spiffeId(chain[0]);
            if (!actual.equals(expected)) {
                throw new CertificateException("WFM presented " + actual + ", expected " + expected);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
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
            return anchors.stream().map(TrustAnchor::getTrustedCert).toArray(X509Certificate[]::new);
        }
    }
}
