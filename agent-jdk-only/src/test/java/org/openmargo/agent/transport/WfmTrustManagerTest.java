package org.openmargo.agent.transport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.testpki.TestPki;

class WfmTrustManagerTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final String WFM = "spiffe://plant.example/margo/wfm/wfm-a";

    private final AtomicReference<List<X509Certificate>> anchors =
            new AtomicReference<>(List.of(PKI.root().certificate()));
    private final WfmTrustManager trust = new WfmTrustManager(anchors::get, WFM,
            Clock.fixed(PKI.now(), ZoneOffset.UTC));

    @Test
    void check_wfmSvidUnderTheRoot_passes() {
        assertThatCode(() -> trust.check(PKI.wfmServer().chainArray())).doesNotThrowAnyException();
    }

    @Test
    void check_wfmSvidThroughIntermediateWithAnchorAppended_passes() {
        TestPki.Svid svid = PKI.issue(PKI.newIntermediate(), PKI.leafSpec(WFM));
        X509Certificate[] chain = {svid.chain().get(0), svid.chain().get(1), PKI.root().certificate()};

        assertThatCode(() -> trust.check(chain)).doesNotThrowAnyException();
    }

    @Test
    void check_otherWfmId_failsNamingTheExpectedId() {
        X509Certificate[] chain = PKI.issue(PKI.root(), PKI.leafSpec(WFM + "x")).chainArray();

        assertThatThrownBy(() -> trust.check(chain)).isInstanceOf(CertificateException.class)
                .hasMessage("WFM SPIFFE ID spiffe://plant.example/margo/wfm/wfm-ax is not the expected " + WFM);
    }

    @Test
    void check_clientSvidOfTheSameWfm_fails() {
        assertThatThrownBy(() -> trust.check(PKI.client("dev-1").chainArray()))
                .hasMessageContaining("is not the expected " + WFM);
    }

    @Test
    void check_otherTrustDomain_failsBeforePathValidation() {
        X509Certificate[] chain = TestPki.create("other.example", "wfm-a").wfmServer().chainArray();

        assertThatThrownBy(() -> trust.check(chain))
                .hasMessage("WFM SVID spiffe://other.example/margo/wfm/wfm-a is not in trust domain plant.example");
    }

    @Test
    void check_unknownRoot_failsPathValidation() {
        X509Certificate[] chain = PKI.issue(PKI.newRoot("stranger"), PKI.leafSpec(WFM)).chainArray();

        assertThatThrownBy(() -> trust.check(chain))
                .hasMessageStartingWith("WFM chain does not validate against the trust bundle");
    }

    @Test
    void check_expiredAtTheClock_failsPathValidation() {
        X509Certificate[] chain = PKI.issue(PKI.root(), PKI.leafSpec(WFM)
                .withValidity(PKI.now().minus(Duration.ofDays(2)), PKI.now().minusSeconds(60))).chainArray();

        assertThatThrownBy(() -> trust.check(chain))
                .hasMessageStartingWith("WFM chain does not validate against the trust bundle");
    }

    @Test
    void check_leafWithKeyCertSign_fails() {
        X509Certificate[] chain = PKI.issue(PKI.root(), PKI.leafSpec(WFM).withKeyCertSign()).chainArray();

        assertThatThrownBy(() -> trust.check(chain)).hasMessage(
                "WFM SVID " + WFM + " has the keyCertSign or cRLSign key usage");
    }

    @Test
    void check_twoUriSans_fails() {
        X509Certificate[] chain = PKI.issue(PKI.root(), PKI.leafSpec(WFM).withUris(WFM, WFM + "/b")).chainArray();

        assertThatThrownBy(() -> trust.check(chain)).hasMessageContaining("expected exactly one URI SAN but found 2");
    }

    @Test
    void check_noAnchors_failsClosed() {
        anchors.set(List.of());

        assertThatThrownBy(() -> trust.check(PKI.wfmServer().chainArray()))
                .hasMessage("no trust anchors: the trust bundle is missing or empty");
    }

    @Test
    void check_anchorsReplaced_usesTheNewAnchorsOnTheNextCheck() {
        TestPki.Authority next = PKI.newRoot("next");
        X509Certificate[] underNext = PKI.issue(next, PKI.leafSpec(WFM)).chainArray();
        anchors.set(List.of(next.certificate()));

        assertThatCode(() -> trust.check(underNext)).doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.check(PKI.wfmServer().chainArray()))
                .hasMessageStartingWith("WFM chain does not validate");
    }

    @Test
    void checkClientTrusted_anyChain_refuses() {
        assertThatThrownBy(() -> trust.checkClientTrusted(PKI.client("dev-1").chainArray(), "EC"))
                .isInstanceOf(CertificateException.class);
    }
}
