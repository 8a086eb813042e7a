package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.testpki.TestPki;

class SvidVerifierTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");
    private static final TrustBundle BUNDLE = bundle(PKI.root());
    private static final Instant NOW = PKI.now();

    private final SvidVerifier verifier = new SvidVerifier("example.org", "wfm-1");

    @Test
    void verify_validClient_returnsClientId() {
        TestPki.Svid svid = PKI.client("dev-1");

        SvidVerifier.Outcome outcome = verifier.verify(svid.chain(), BUNDLE, NOW);

        assertThat(outcome).isInstanceOfSatisfying(SvidVerifier.Valid.class, valid -> {
            assertThat(valid.clientId()).isEqualTo("dev-1");
            assertThat(valid.validUntil()).isEqualTo(svid.leaf().getNotAfter().toInstant());
        });
    }

    @Test
    void verify_viaIntermediate_returnsClientId() {
        TestPki.Svid svid = PKI.client(PKI.newIntermediate(), "dev-2");

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW)).isEqualTo(valid("dev-2", svid));
    }

    @Test
    void verify_chainIncludingAnchor_returnsClientId() {
        TestPki.Svid svid = PKI.client(PKI.newIntermediate(), "dev-3");
        List<X509Certificate> withRoot = new ArrayList<>(svid.chain());
        withRoot.add(PKI.root().certificate());

        assertThat(verifier.verify(withRoot, BUNDLE, NOW)).isInstanceOf(SvidVerifier.Valid.class);
    }

    @Test
    void verify_intermediateMissing_isRejected() {
        TestPki.Svid svid = PKI.client(PKI.newIntermediate(), "dev-4");

        assertThat(verifier.verify(List.of(svid.leaf()), BUNDLE, NOW))
                .isEqualTo(rejected("certificate chain does not lead to an anchor of the current trust bundle"));
    }

    @Test
    void verify_intermediateAsAnchor_returnsClientId() {
        TestPki.Authority intermediate = PKI.newIntermediate();
        TestPki.Svid svid = PKI.client(intermediate, "dev-5");

        assertThat(verifier.verify(svid.chain(), bundle(intermediate), NOW)).isInstanceOf(SvidVerifier.Valid.class);
    }

    @Test
    void verify_expired_isRejected() {
        assertThat(verifier.verify(PKI.expiredClient("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("certificate expired"));
    }

    @Test
    void verify_validSvidAfterItsNotAfter_isRejected() {
        TestPki.Svid svid = PKI.client("dev");

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW.plus(Duration.ofHours(2))))
                .isEqualTo(rejected("certificate expired"));
    }

    @Test
    void verify_notYetValid_isRejected() {
        assertThat(verifier.verify(PKI.notYetValidClient("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("certificate not yet valid"));
    }

    @Test
    void verify_caAsLeaf_isRejected() {
        assertThat(verifier.verify(PKI.caAsLeaf("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the SVID is a CA certificate (cA=true)"));
    }

    @Test
    void verify_keyCertSign_isRejected() {
        assertThat(verifier.verify(PKI.keyCertSignLeaf("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the SVID has the keyCertSign key usage"));
    }

    @Test
    void verify_rsa1024Key_isRejected() {
        TestPki.Svid svid = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev")).withRsaKey(1024));

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW)).isEqualTo(rejected(
                "the SVID's key is not allowed: the RSA key has 1024 bits; allowed are 3072 to 8192"));
    }

    @Test
    void verify_rsa3072Key_returnsClientId() {
        TestPki.Svid svid = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev")).withRsaKey(3072));

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW)).isInstanceOf(SvidVerifier.Valid.class);
    }

    @Test
    void verify_withoutDigitalSignature_isRejected() {
        TestPki.Svid svid = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev")).withoutDigitalSignature());

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the SVID lacks the digitalSignature key usage"));
    }

    @Test
    void verify_extendedKeyUsageWithoutClientAuth_isRejected() {
        TestPki.Svid svid = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev")).withoutClientAuth());

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the SVID's extended key usage does not include clientAuth"));
    }

    @Test
    void verify_clientIdOf201Characters_isRejectedAnd200Accepted() {
        assertThat(verifier.verify(PKI.client("c".repeat(201)).chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the wfm-client-id is longer than 200 characters"));
        assertThat(verifier.verify(PKI.client("c".repeat(200)).chain(), BUNDLE, NOW))
                .isInstanceOf(SvidVerifier.Valid.class);
    }

    @Test
    void verify_twoUriSans_isRejected() {
        assertThat(verifier.verify(PKI.twoUriSans("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the certificate must carry exactly one URI SAN"));
    }

    @Test
    void verify_noUriSan_isRejected() {
        assertThat(verifier.verify(PKI.noUriSan().chain(), BUNDLE, NOW))
                .isEqualTo(rejected("the certificate must carry exactly one URI SAN"));
    }

    @Test
    void verify_wrongTrustDomain_isRejected() {
        assertThat(verifier.verify(PKI.wrongTrustDomain("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("trust domain 'other.example.org' is not this WFM's trust domain"));
    }

    @Test
    void verify_unknownCa_isRejected() {
        assertThat(verifier.verify(PKI.unknownCaClient("dev").chain(), BUNDLE, NOW))
                .isEqualTo(rejected("certificate chain does not lead to an anchor of the current trust bundle"));
    }

    @Test
    void verify_otherWfmId_isRejectedEvenIfValidlyIssued() {
        TestPki.Svid svid = PKI.issue(PKI.root(),
                PKI.leafSpec("spiffe://example.org/margo/wfm/wfm-2/client/dev"));

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW)).isInstanceOfSatisfying(SvidVerifier.Rejected.class,
                r -> assertThat(r.reason()).startsWith("SPIFFE ID spiffe://example.org/margo/wfm/wfm-2/client/dev "
                        + "is not a client of this WFM"));
    }

    @Test
    void verify_wfmServerSvid_isRejectedAsClient() {
        assertThat(verifier.verify(PKI.wfmServer().chain(), BUNDLE, NOW))
                .isInstanceOf(SvidVerifier.Rejected.class);
    }

    @Test
    void verify_nonSpiffeUri_isRejected() {
        TestPki.Svid svid = PKI.issue(PKI.root(), PKI.leafSpec("https://example.org/dev"));

        assertThat(verifier.verify(svid.chain(), BUNDLE, NOW)).isInstanceOfSatisfying(SvidVerifier.Rejected.class,
                r -> assertThat(r.reason()).startsWith("the URI SAN is not a SPIFFE ID"));
    }

    @Test
    void verify_anchorRemovedFromBundle_isRejected() {
        TrustBundle rotated = bundle(PKI.newRoot("new root"));

        assertThat(verifier.verify(PKI.client("dev").chain(), rotated, NOW))
                .isEqualTo(rejected("certificate chain does not lead to an anchor of the current trust bundle"));
    }

    @Test
    void verify_emptyChain_isRejected() {
        assertThat(verifier.verify(List.of(), BUNDLE, NOW)).isEqualTo(rejected("no client certificate"));
    }

    static TrustBundle bundle(TestPki.Authority... anchors) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (TestPki.Authority anchor : anchors) {
            certificates.add(anchor.certificate());
        }
        return new TrustBundle(certificates, OptionalLong.empty(), Optional.empty());
    }

    private static SvidVerifier.Valid valid(String clientId, TestPki.Svid svid) {
        Instant until = Instant.MAX;
        Instant from = Instant.MIN;
        for (X509Certificate c : svid.chain()) {
            until = c.getNotAfter().toInstant().isBefore(until) ? c.getNotAfter().toInstant() : until;
            from = c.getNotBefore().toInstant().isAfter(from) ? c.getNotBefore().toInstant() : from;
        }
        return new SvidVerifier.Valid(clientId, from, until);
    }

    private static SvidVerifier.Rejected rejected(String reason) {
        return new SvidVerifier.Rejected(reason);
    }
}
