package org.openmargo.benchmarks.fleet;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS client side of one simulated device, built the way the agent's {@code transport.WfmClient} builds it: one
 * {@link SSLContext} per identity (the agent has one identity per process and one context for it), initialised with a
 * key manager that presents the SVID, a trust manager over the trust-domain anchor, a {@link SecureRandom}, and a
 * client session cache whose timeout is the session lifetime (30 min by default); the parameters allow TLS 1.3 only
 * with the agent's three suites and no endpoint identification. New connections to the same host and port resume the
 * cached session through that context's session cache, as the agent's HttpClient does.
 *
 * <p>Differences from the agent, on the client side only: the simulator speaks HTTP/1.1 over an {@code SSLSocket}
 * instead of {@code java.net.http.HttpClient} (one HttpClient per device would cost 10,000 selector threads), and its
 * trust manager checks the server chain by PKIX against the anchor without the agent's SPIFFE ID comparison.
 */
final class DeviceTls {
    private static final String[] TLS13_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256"};

    private DeviceTls() {
    }

    /** The parameters the agent hands its HttpClient (TLS 1.3 only). */
    static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        parameters.setProtocols(new String[] {"TLSv1.3"});
        parameters.setCipherSuites(TLS13_SUITES);
        return parameters;
    }

    /** A trust manager over one anchor, shared by all devices (it is stateless). */
    static X509TrustManager trust(X509Certificate anchor) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("anchor", anchor);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    static SSLContext context(TestCa.Issued identity, X509TrustManager trust, Duration sessionLifetime)
            throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {new Keys(identity.svid(), identity.key())}, new TrustManager[] {trust},
                new SecureRandom());
        tls.getClientSessionContext().setSessionTimeout((int) sessionLifetime.toSeconds());
        return tls;
    }

    /** Presents one SVID, as the agent's {@code transport.SvidKeyManager} does. */
    private static final class Keys extends X509ExtendedKeyManager {
        private static final String ALIAS = "svid";
        private final X509Certificate[] chain;
        private final PrivateKey key;

        Keys(X509Certificate svid, PrivateKey key) {
            this.chain = new X509Certificate[] {svid};
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
