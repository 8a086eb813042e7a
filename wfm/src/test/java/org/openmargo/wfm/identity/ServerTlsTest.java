package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.helidon.common.tls.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testclock.MutableClock;
import org.openmargo.wfm.testpki.TestPki;

class ServerTlsTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");

    @TempDir
    Path dir;

    @Test
    void readKey_ecPkcs8_returnsEcKey() throws IOException {
        Path file = dir.resolve("ec.pem");
        TestPki.writeKeyPem(file, PKI.wfmServer().key());

        assertThat(ServerTls.readKey(file).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readKey_rsaPkcs8_returnsRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        Path file = dir.resolve("rsa.pem");
        TestPki.writeKeyPem(file, key);

        assertThat(ServerTls.readKey(file).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void readKey_sec1EcKey_failsWithConversionHint() throws IOException {
        Path file = dir.resolve("sec1.pem");
        Files.writeString(file, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerTls.readKey(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sec1.pem").hasMessageContaining("[EC PRIVATE KEY]")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void readChain_noCertificate_failsNamingFile() throws IOException {
        Path file = dir.resolve("chain.pem");
        Files.writeString(file, "nothing");

        assertThatThrownBy(() -> ServerTls.readChain(file)).hasMessageContaining("chain.pem: no CERTIFICATE block");
    }

    @Test
    void create_default_pinsTls13AndClientAuthAndSessionTimeout() throws IOException {
        Tls tls = tls(false);
        SSLEngine engine = tls.sslContext().createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters weakened = new SSLParameters();
        weakened.setProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
        weakened.setWantClientAuth(true);
        weakened.setEndpointIdentificationAlgorithm("");

        engine.setSSLParameters(weakened);

        assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(engine.getNeedClientAuth()).isTrue();
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
        assertThat(tls.sslContext().getServerSessionContext().getSessionTimeout()).isEqualTo(300);
    }

    @Test
    void create_tls12Enabled_allowsBoth() throws IOException {
        SSLEngine engine = tls(true).sslContext().createSSLEngine();

        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    private Tls tls(boolean tls12) throws IOException {
        TestPki.ServerFiles files = PKI.writeServerFiles(dir);
        SvidTrustManager trust = new SvidTrustManager(new VerdictCache(new SvidVerifier("example.org", "wfm-1"),
                new TrustBundleSource(files.trustBundle()), 16), new MutableClock(PKI.now()));
        return ServerTls.create(SvidKeyManager.fromFiles(files.certificateChain(), files.privateKey()), trust, tls12, Duration.ofMinutes(5));
    }
}
