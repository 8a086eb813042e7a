package org.openmargo.agent.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

/**
 * Trust bootstrap and refresh from a WireMock HTTPS server standing in for the MIS (server TLS only, as the MIS
 * serves discovery and bundle to devices without a client certificate), authenticated by pins. Each page is served
 * with an ETag and answered 304 when asked with it; a path without a page is 404.
 */
class MisSourceTest {
    @TempDir
    static Path dir;

    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static TestCerts certs;
    private static WireMockServer mis;
    private static String pin;

    @BeforeAll
    static void startMis() throws Exception {
        certs = TestCerts.create(dir);
        pin = PinnedTrustManager.fingerprint(certs.ca());
        mis = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(certs.serverKeyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(TestCerts.PASSWORD).keyManagerPassword(TestCerts.PASSWORD)
                .notifier(new ConsoleNotifier(false)));
        mis.start();
    }

    @AfterAll
    static void stopMis() {
        mis.stop();
    }

    @BeforeEach
    void noPages() {
        mis.resetMappings();
    }

    /** Serves {@code page} at {@code path} from now on, with its ETag and a 304 for a request that names it. */
    private static void page(String path, String page) {
        String etag = "\"" + page.hashCode() + "\"";
        mis.stubFor(get(urlPathEqualTo(path)).atPriority(1).withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
        mis.stubFor(get(urlPathEqualTo(path)).atPriority(2)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", etag).withBody(page)));
    }

    @Test
    void refresh_discoveryOverPinnedHttps_acceptsTheBundleThenUses304() {
        page("/.well-known/margo", discovery("plant.example", origin("127.0.0.1") + "/bundle"));
        page("/bundle", TestPki.bundleJson(4, PKI.root()));
        TrustStore store = store("127.0.0.1", pin, "a");

        assertThat(store.refresh()).isInstanceOf(RefreshOutcome.Updated.class);
        assertThat(store.anchors()).containsExactly(PKI.root().certificate());
        assertThat(store.refresh()).isEqualTo(new RefreshOutcome.Unchanged());
    }

    @Test
    void refresh_pinOfAnotherCa_isUnavailable() throws Exception {
        page("/.well-known/margo", discovery("plant.example", origin("127.0.0.1") + "/bundle"));
        page("/bundle", TestPki.bundleJson(4, PKI.root()));
        TrustStore store = store("127.0.0.1", PinnedTrustManager.fingerprint(PKI.root().certificate()), "b");

        assertThat(store.refresh()).asString().contains("the MIS chain contains no pinned certificate");
        assertThat(store.anchors()).isEmpty();
    }

    @Test
    void refresh_hostNameNotInTheMisCertificate_isUnavailable() {
        page("/.well-known/margo", discovery("plant.example", origin("127.0.0.1") + "/bundle"));
        page("/bundle", TestPki.bundleJson(4, PKI.root()));

        assertThat(store("localhost", pin, "c").refresh()).isInstanceOf(RefreshOutcome.Unavailable.class)
                .asString().contains("No name matching localhost found");
    }

    @Test
    void refresh_discoveryNamesAnotherTrustDomain_isRejectedAsConfigurationError() {
        page("/.well-known/margo", discovery("other.example", origin("127.0.0.1") + "/bundle"));

        assertThat(store("127.0.0.1", pin, "d").refresh()).isEqualTo(new RefreshOutcome.Rejected(origin("127.0.0.1")
                + "/.well-known/margo: discovery document names trust domain 'other.example' but the agent's SVID "
                + "is in 'plant.example' (configuration error)"));
    }

    @Test
    void refresh_plainHttpTrustBundleUri_isRejected() {
        page("/.well-known/margo", discovery("plant.example", "http://127.0.0.1/bundle"));

        assertThat(store("127.0.0.1", pin, "e").refresh()).isInstanceOf(RefreshOutcome.Rejected.class);
    }

    private static TrustStore store(String host, String pinned, String state) {
        return TrustStore.open(new TrustStore.Settings(Optional.empty(),
                Optional.of(URI.create(origin(host) + "/.well-known/margo")), Optional.empty(), List.of(pinned),
                dir.resolve(state), Duration.ofHours(1), Optional.of("plant.example")));
    }

    private static String origin(String host) {
        return "https://" + host + ":" + mis.httpsPort();
    }

    private static String discovery(String trustDomain, String bundleUri) {
        return "{\"trustDomain\":\"" + trustDomain + "\",\"trustBundleUri\":\"" + bundleUri + "\",\"extra\":1}";
    }
}
