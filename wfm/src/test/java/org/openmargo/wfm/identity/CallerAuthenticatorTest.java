package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.testclock.MutableClock;
import org.openmargo.wfm.testpki.TestPki;

class CallerAuthenticatorTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");

    @TempDir
    Path dir;
    Path bundleFile;
    MutableClock clock;
    InMemoryClientRegistry registry;
    AcceptedClientPolicy policy;
    TrustBundleSource bundles;
    VerdictCache verdicts;
    CallerAuthenticator authenticator;

    @BeforeEach
    void setUp() throws IOException {
        bundleFile = dir.resolve("bundle.json");
        TestPki.writeBundleJson(bundleFile, 1, PKI.root());
        clock = new MutableClock(PKI.now());
        registry = new InMemoryClientRegistry();
        registry.accept("dev-1");
        policy = new AcceptedClientPolicy(registry, false);
        bundles = new TrustBundleSource(bundleFile);
        verdicts = new VerdictCache(new SvidVerifier("example.org", "wfm-1"), bundles, 2);
        authenticator = new CallerAuthenticator(verdicts, policy, clock);
    }

    @Test
    void authenticate_acceptedClient_returnsClientId() {
        assertThat(authenticator.authenticate(chain(PKI.client("dev-1")))).isEqualTo("dev-1");
    }

    @Test
    void authenticate_noCertificate_isNotAuthorized() {
        assertRefused(Optional.empty(), "no client certificate was presented");
        assertRefused(Optional.of(new Certificate[0]), "no client certificate was presented");
    }

    @Test
    void authenticate_unknownClient_isNotAuthorized() {
        assertRefused(chain(PKI.client("dev-9")), "client 'dev-9' is not accepted by this WFM");
    }

    @Test
    void authenticate_retiredAfterCachedSuccess_isNotAuthorized() {
        Optional<Certificate[]> chain = chain(PKI.client("dev-1"));
        authenticator.authenticate(chain);

        policy.retire("dev-1");

        assertRefused(chain, "client 'dev-1' is retired by this WFM");
    }

    @Test
    void authenticate_svidExpiresAfterCachedSuccess_isNotAuthorized() {
        Optional<Certificate[]> chain = chain(PKI.client("dev-1"));
        authenticator.authenticate(chain);

        clock.advance(Duration.ofHours(2));

        assertRefused(chain, "client certificate rejected: certificate expired");
    }

    @Test
    void authenticate_anchorRemovedByReload_isNotAuthorized() throws IOException {
        Optional<Certificate[]> chain = chain(PKI.client("dev-1"));
        authenticator.authenticate(chain);

        TestPki.writeBundleJson(bundleFile, 2, PKI.newRoot("replacement"));
        bundles.reload();

        assertRefused(chain, "client certificate rejected: certificate chain does not lead to an anchor of the "
                + "current trust bundle");
    }

    @Test
    void authenticate_repeatedCalls_validateOnceThenHitCache() {
        Optional<Certificate[]> chain = chain(PKI.client("dev-1"));

        authenticator.authenticate(chain);
        authenticator.authenticate(chain);

        assertThat(verdicts.size()).isEqualTo(1);
    }

    @Test
    void authenticate_moreLeavesThanCacheSize_staysBounded() {
        registry.accept("dev-2");
        registry.accept("dev-3");
        policy.refresh();

        authenticator.authenticate(chain(PKI.client("dev-1")));
        authenticator.authenticate(chain(PKI.client("dev-2")));
        authenticator.authenticate(chain(PKI.client("dev-3")));

        assertThat(verdicts.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void authenticate_invalidSvid_detailNamesOnlyThePresentedCertificate() {
        assertRefused(chain(PKI.wrongTrustDomain("dev-1")),
                "client certificate rejected: trust domain 'other.example.org' is not this WFM's trust domain");
    }

    private void assertRefused(Optional<Certificate[]> chain, String detail) {
        assertThatThrownBy(() -> authenticator.authenticate(chain))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.NOT_AUTHORIZED);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }

    private static Optional<Certificate[]> chain(TestPki.Svid svid) {
        return Optional.of(svid.chainArray());
    }
}
