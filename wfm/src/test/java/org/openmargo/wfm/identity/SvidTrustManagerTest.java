package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testclock.MutableClock;
import org.openmargo.wfm.testpki.TestPki;

class SvidTrustManagerTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");

    @TempDir
    Path dir;
    Path bundleFile;
    TrustBundleSource bundles;
    MutableClock clock;
    SvidTrustManager manager;

    @BeforeEach
    void setUp() throws IOException {
        Path file = dir.resolve("bundle.json");
        TestPki.writeBundleJson(file, 1, PKI.root());
        bundleFile = file;
        bundles = new TrustBundleSource(file);
        clock = new MutableClock(PKI.now());
        manager = new SvidTrustManager(new VerdictCache(new SvidVerifier("example.org", "wfm-1"), bundles, 16), clock);
    }

    @Test
    void checkClientTrusted_validSvid_passesEveryOverload() {
        X509Certificate[] chain = PKI.client("dev").chainArray();

        assertThatCode(() -> manager.checkClientTrusted(chain, "EC")).doesNotThrowAnyException();
        assertThatCode(() -> manager.checkClientTrusted(chain, "EC", (Socket) null)).doesNotThrowAnyException();
        assertThatCode(() -> manager.checkClientTrusted(chain, "EC", (SSLEngine) null)).doesNotThrowAnyException();
    }

    @Test
    void checkClientTrusted_expiredSvid_failsEveryOverload() {
        X509Certificate[] chain = PKI.expiredClient("dev").chainArray();

        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "EC"))
                .isInstanceOf(CertificateException.class).hasMessage("client SVID rejected: certificate expired");
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "EC", (Socket) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "EC", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void checkClientTrusted_anchorRemovedAfterAcceptedHandshake_failsTheNextHandshake()
            throws IOException, CertificateException {
        X509Certificate[] chain = PKI.client("dev").chainArray();
        manager.checkClientTrusted(chain, "EC");

        TestPki.writeBundleJson(bundleFile, 2, PKI.newRoot("replacement"));
        bundles.reload();

        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("client SVID rejected: certificate chain does not lead to an anchor of the current trust "
                        + "bundle");
    }

    @Test
    void checkClientTrusted_svidExpiredSinceAcceptedHandshake_failsTheNextHandshake() throws CertificateException {
        X509Certificate[] chain = PKI.client("dev").chainArray();
        manager.checkClientTrusted(chain, "EC");

        clock.advance(java.time.Duration.ofDays(400));

        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "EC"))
                .isInstanceOf(CertificateException.class).hasMessage("client SVID rejected: certificate expired");
    }

    @Test
    void checkClientTrusted_emptyChain_fails() {
        assertThatThrownBy(() -> manager.checkClientTrusted(new X509Certificate[0], "EC"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void checkServerTrusted_anyChain_failsEveryOverload() {
        X509Certificate[] chain = PKI.wfmServer().chainArray();

        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "EC")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "EC", (Socket) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "EC", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
    }
}
