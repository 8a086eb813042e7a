package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The rig itself: the WireMock-based WFM stand-in demands a client certificate, as the WFM's device API does, so the
 * fault tests exercise the agent's real mTLS client.
 */
class FaultServerTest {
    @Test
    void handshake_clientWithoutCertificate_isRefusedAndNothingIsJournaled() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        try (FaultServer server = FaultServer.start(pki, Clock.systemUTC());
                SSLSocket socket = (SSLSocket) trusting(pki).getSocketFactory().createSocket("127.0.0.1",
                        server.port())) {
            socket.setSoTimeout(10_000);

            // TLS 1.3: the server checks the client's (missing) certificate after the client's handshake finished,
            // so the refusal shows on the first read.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getOutputStream().write("GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.getInputStream().read();
            }).isInstanceOf(SSLException.class);
            assertThat(server.requests()).isEmpty();
        }
    }

    /** Trusts the WFM's root and has no key of its own. */
    private static SSLContext trusting(TestPki pki) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", pki.root().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
