package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

class VerdictCacheTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");

    @TempDir
    Path dir;
    Path bundleFile;
    TrustBundleSource bundles;
    VerdictCache cache;

    @BeforeEach
    void setUp() throws IOException {
        bundleFile = dir.resolve("bundle.json");
        TestPki.writeBundleJson(bundleFile, 1, PKI.root());
        bundles = new TrustBundleSource(bundleFile);
        cache = new VerdictCache(new SvidVerifier("example.org", "wfm-1"), bundles, 2);
    }

    @Test
    void verify_sameChainTwice_secondVerdictComesFromMemory() {
        TestPki.Svid svid = PKI.client("dev-1");

        SvidVerifier.Outcome first = cache.verify(svid.chain(), PKI.now());
        SvidVerifier.Outcome second = cache.verify(svid.chain(), PKI.now().plusSeconds(1));

        assertThat(first).isInstanceOf(SvidVerifier.Valid.class);
        assertThat(second).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void verify_anchorRemovedFromBundleAfterSuccess_rejects() throws IOException {
        TestPki.Svid svid = PKI.client("dev-1");
        cache.verify(svid.chain(), PKI.now());

        TestPki.writeBundleJson(bundleFile, 2, PKI.newRoot("replacement"));
        assertThat(bundles.reload()).isTrue();

        assertThat(cache.verify(svid.chain(), PKI.now())).isEqualTo(new SvidVerifier.Rejected(
                "certificate chain does not lead to an anchor of the current trust bundle"));
    }

    @Test
    void verify_bundleReloadedWithSameAnchor_validatesAgain() throws IOException {
        TestPki.Svid svid = PKI.client("dev-1");
        SvidVerifier.Outcome before = cache.verify(svid.chain(), PKI.now());

        TestPki.writeBundleJson(bundleFile, 2, PKI.root(), PKI.newRoot("added"));
        assertThat(bundles.reload()).isTrue();
        SvidVerifier.Outcome after = cache.verify(svid.chain(), PKI.now());

        assertThat(after).isInstanceOf(SvidVerifier.Valid.class).isEqualTo(before).isNotSameAs(before);
    }

    @Test
    void verify_svidExpiresAfterSuccess_rejectsWithTheUncachedReason() {
        TestPki.Svid svid = PKI.client("dev-1");
        SvidVerifier.Valid valid = (SvidVerifier.Valid) cache.verify(svid.chain(), PKI.now());
        Instant afterExpiry = valid.validUntil().plusSeconds(1);

        SvidVerifier.Outcome outcome = cache.verify(svid.chain(), afterExpiry);

        assertThat(outcome).isEqualTo(new SvidVerifier.Rejected("certificate expired"));
        assertThat(outcome).isEqualTo(new SvidVerifier("example.org", "wfm-1")
                .verify(svid.chain(), bundles.current().bundle(), afterExpiry));
        assertThat(cache.size()).isZero();
    }

    @Test
    void verify_instantBeforeValidity_rejectsAsNotYetValid() {
        TestPki.Svid svid = PKI.client("dev-1");
        SvidVerifier.Valid valid = (SvidVerifier.Valid) cache.verify(svid.chain(), PKI.now());

        assertThat(cache.verify(svid.chain(), valid.validFrom().minusSeconds(1)))
                .isEqualTo(new SvidVerifier.Rejected("certificate not yet valid"));
    }

    @Test
    void verify_intermediateExpiresBeforeLeaf_rejectsAtTheIntermediatesEnd() {
        TestPki.Authority intermediate = PKI.newIntermediate();
        TestPki.Svid svid = PKI.client(intermediate, "dev-1");
        SvidVerifier.Valid valid = (SvidVerifier.Valid) cache.verify(svid.chain(), PKI.now());
        Instant earliestEnd = svid.chain().stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo)
                .orElseThrow();

        assertThat(valid.validUntil()).isEqualTo(earliestEnd);
        assertThat(cache.verify(svid.chain(), earliestEnd.plusSeconds(1)))
                .isInstanceOf(SvidVerifier.Rejected.class);
    }

    @Test
    void verify_sameLeafWithoutItsIntermediate_isValidatedOnItsOwnAndRejected() {
        TestPki.Authority intermediate = PKI.newIntermediate();
        TestPki.Svid svid = PKI.client(intermediate, "dev-1");
        assertThat(cache.verify(svid.chain(), PKI.now())).isInstanceOf(SvidVerifier.Valid.class);

        assertThat(cache.verify(List.of(svid.leaf()), PKI.now())).isEqualTo(new SvidVerifier.Rejected(
                "certificate chain does not lead to an anchor of the current trust bundle"));
    }

    @Test
    void verify_rejectedChain_isNotRemembered() {
        TestPki.Svid foreign = PKI.unknownCaClient("dev-1");

        assertThat(cache.verify(foreign.chain(), PKI.now())).isInstanceOf(SvidVerifier.Rejected.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void verify_moreChainsThanItsSize_staysBoundedAndStillAnswers() {
        for (String id : List.of("dev-1", "dev-2", "dev-3", "dev-4")) {
            assertThat(cache.verify(PKI.client(id).chain(), PKI.now())).isInstanceOf(SvidVerifier.Valid.class);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void verify_afterLongSuccessThenExpiry_neverServesAnExpiredVerdict() {
        TestPki.Svid svid = PKI.client("dev-1");
        cache.verify(svid.chain(), PKI.now());

        assertThat(cache.verify(svid.chain(), PKI.now().plus(Duration.ofDays(400))))
                .isEqualTo(new SvidVerifier.Rejected("certificate expired"));
    }
}
