package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Margo Trust Bundle API rc.3 ({@code trust-bundle-api-1.0.0-rc.3.yaml}; spec b.1, "Trust bundle and
 * discovery"): {@code GET /.well-known/margo} and the SPIFFE bundle at its {@code trustBundleUri}, both over
 * server-authenticated HTTPS from a client that presents no certificate. Every request here goes out without one, so
 * every 200 also shows that the endpoints need none. (That the mTLS device API refuses such a client is
 * {@link AccessConformanceTest#connection_withoutClientCertificate_failsTheHandshake()}.) Unknown response members
 * are allowed by the spec and not checked.
 */
class TrustBundleApiConformanceTest {
    /** RFC 9110 8.8.3: a strong entity tag is a quoted string of etagc characters, without {@code W/}. */
    private static final Pattern STRONG_ETAG = Pattern.compile("\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"");
    private static final String OTHER_ETAG = "\"spec-tests-not-the-current-etag\"";

    private static Target target;
    private Mis mis;

    @BeforeAll
    static void start() throws Exception {
        target = Target.get();
    }

    @BeforeEach
    void needsIdentityService() {
        Assumptions.assumeTrue(target.mis.isPresent(), "needs the identity service's discovery URL: set "
                + "margo.discovery-url and margo.mis-trust-anchors (PEM) or margo.mis-pins (sha256:<hex>,...)");
        mis = target.mis.orElseThrow();
    }

    @Test
    void discovery_withoutClientCertificate_is200JsonWithTrustDomainAndBundleUri() throws Exception {
        HttpResponse<byte[]> r = mis.http().get(mis.discovery().toString());
        assertThat(r.statusCode()).as("status of %s", Device.text(r)).isEqualTo(200);
        assertThat(Checks.mediaType(r)).isEqualTo("application/json");
        JsonObject doc = Device.json(r);
        assertThat(doc.get("trustDomain")).isInstanceOf(JsonString.class);
        assertThat(doc.getString("trustDomain")).isEqualTo(trustDomain(target.deviceChain.get(0)));
        assertThat(doc.get("trustBundleUri")).isInstanceOf(JsonString.class);
        URI bundle = URI.create(doc.getString("trustBundleUri"));
        assertThat(bundle.isAbsolute()).as("%s is absolute", bundle).isTrue();
        assertThat(bundle.getScheme()).isEqualTo("https");
        assertThat(bundle.getHost()).as("host of %s", bundle).isNotBlank();
    }

    @Test
    void discovery_response_carriesStrongEtag() throws Exception {
        assertStrongEtag(mis.discovery().toString());
    }

    @Test
    void discovery_ifNoneMatchCurrentEtag_is304WithoutBody() throws Exception {
        assertNotModified(mis.discovery().toString());
    }

    @Test
    void discovery_ifNoneMatchOtherEtag_is200WithTheSameDocument() throws Exception {
        assertOtherEtagServes(mis.discovery().toString());
    }

    @Test
    void bundle_atTrustBundleUri_is200JsonWithX509SvidCaAnchors() throws Exception {
        HttpResponse<byte[]> r = mis.http().get(bundleUri());
        assertThat(r.statusCode()).as("status of %s", Device.text(r)).isEqualTo(200);
        assertThat(Checks.mediaType(r)).isEqualTo("application/json");
        List<X509Certificate> anchors = x509SvidAnchors(Device.json(r));
        assertThat(anchors).as("x509-svid anchors").isNotEmpty();
        for (X509Certificate anchor : anchors) {
            assertThat(anchor.getBasicConstraints()).as("cA of %s", anchor.getSubjectX500Principal())
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void bundle_x509SvidKeys_publicKeyMembersMatchTheirCertificate() throws Exception {
        JsonObject bundle = Device.json(mis.http().get(bundleUri()));
        List<JsonObject> keys = bundle.getJsonArray("keys").stream().filter(Jwk::isX509Svid)
                .map(JsonValue::asJsonObject).toList();
        assertThat(keys).isNotEmpty();
        for (JsonObject key : keys) {
            Jwk.assertMatches(key, Jwk.firstCertificate(key));
        }
    }

    @Test
    void bundle_clientSvidChain_validatesAgainstItsAnchors() throws Exception {
        List<X509Certificate> anchors = x509SvidAnchors(Device.json(mis.http().get(bundleUri())));
        Set<TrustAnchor> trust = new HashSet<>();
        anchors.forEach(a -> trust.add(new TrustAnchor(a, null)));
        PKIXParameters params = new PKIXParameters(trust);
        params.setRevocationEnabled(false);
        List<X509Certificate> path = new ArrayList<>(target.deviceChain);
        path.removeIf(anchors::contains);
        PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        assertThat(anchors).contains(result.getTrustAnchor().getTrustedCert());
    }

    @Test
    void bundle_spiffeSequence_isNonNegativeIntegerWhenPresent() throws Exception {
        JsonValue sequence = Device.json(mis.http().get(bundleUri())).get("spiffe_sequence");
        Assumptions.assumeTrue(sequence != null, "the bundle has no spiffe_sequence (optional)");
        assertThat(sequence).isInstanceOf(JsonNumber.class);
        assertThat(((JsonNumber) sequence).isIntegral()).as("%s is an integer", sequence).isTrue();
        assertThat(((JsonNumber) sequence).bigIntegerValue().signum()).as("sign of %s", sequence)
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void bundle_spiffeRefreshHint_isPositiveWhenPresent() throws Exception {
        JsonValue hint = Device.json(mis.http().get(bundleUri())).get("spiffe_refresh_hint");
        Assumptions.assumeTrue(hint != null, "the bundle has no spiffe_refresh_hint (optional)");
        assertThat(hint).isInstanceOf(JsonNumber.class);
        assertThat(((JsonNumber) hint).isIntegral()).as("%s is an integer", hint).isTrue();
        assertThat(((JsonNumber) hint).bigIntegerValue().signum()).as("sign of %s", hint).isEqualTo(1);
    }

    @Test
    void bundle_response_carriesStrongEtag() throws Exception {
        assertStrongEtag(bundleUri());
    }

    @Test
    void bundle_ifNoneMatchCurrentEtag_is304WithoutBody() throws Exception {
        assertNotModified(bundleUri());
    }

    @Test
    void bundle_ifNoneMatchOtherEtag_is200WithTheSameBundle() throws Exception {
        assertOtherEtagServes(bundleUri());
    }

    @Test
    void unknownPath_underIdentityServiceOrigin_is404ProblemJson() throws Exception {
        String path = "/spec-tests-nothing-here/" + UUID.randomUUID();
        Checks.problemOfAnyType(mis.http().get(mis.discovery().resolve(path).toString()), 404);
    }

    private String bundleUri() throws Exception {
        HttpResponse<byte[]> r = mis.http().get(mis.discovery().toString());
        assertThat(r.statusCode()).as("discovery status").isEqualTo(200);
        return Device.json(r).getString("trustBundleUri");
    }

    private String assertStrongEtag(String url) throws Exception {
        HttpResponse<byte[]> r = mis.http().get(url);
        assertThat(r.statusCode()).isEqualTo(200);
        String etag = Checks.header(r, "ETag");
        assertThat(etag).as("ETag of %s", url).isNotNull().matches(STRONG_ETAG);
        return etag;
    }

    private void assertNotModified(String url) throws Exception {
        String etag = assertStrongEtag(url);
        HttpResponse<byte[]> r = mis.http().get(url, "If-None-Match", etag);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).as("304 body").isEmpty();
        assertThat(Checks.header(r, "ETag")).as("RFC 9110 15.4.5: a 304 repeats the ETag").isEqualTo(etag);
    }

    private void assertOtherEtagServes(String url) throws Exception {
        HttpResponse<byte[]> first = mis.http().get(url);
        HttpResponse<byte[]> r = mis.http().get(url, "If-None-Match", OTHER_ETAG);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Checks.header(r, "ETag")).isEqualTo(Checks.header(first, "ETag"));
        assertThat(r.body()).isEqualTo(first.body());
    }

    /** The {@code x5c[0]} certificates of the bundle's x509-svid keys; other keys are ignored (spec b.1). */
    private static List<X509Certificate> x509SvidAnchors(JsonObject bundle) throws Exception {
        assertThat(bundle.get("keys")).as("keys of %s", bundle).isInstanceOf(JsonArray.class);
        List<X509Certificate> anchors = new ArrayList<>();
        for (JsonValue key : bundle.getJsonArray("keys")) {
            if (Jwk.isX509Svid(key)) {
                anchors.add(Jwk.firstCertificate(key.asJsonObject()));
            }
        }
        return anchors;
    }

    /** The trust domain of an X.509-SVID: the authority of its {@code spiffe://} URI SAN. */
    private static String trustDomain(X509Certificate svid) throws Exception {
        String id = SvidTls.spiffeId(svid);
        String rest = id.substring("spiffe://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
