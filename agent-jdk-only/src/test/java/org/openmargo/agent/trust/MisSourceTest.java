package org.openmargo.agent.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

/** Trust bootstrap and refresh from a JDK HTTPS server standing in for the MIS, authenticated by pins. */
class MisSourceTest {
    @TempDir
    static Path dir;

    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();
    private static TestCerts certs;
    private static HttpsServer mis;
    private static String pin;

    @BeforeAll
    static void startMis() throws Exception {
        certs = TestCerts.create(dir);
        pin = PinnedTrustManager.fingerprint(certs.ca());
        mis = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mis.setHttpsConfigurator(new HttpsConfigurator(certs.serverTls()));
        mis.createContext("/", exchange -> {
            String page = PAGES.get(exchange.getRequestURI().getPath());
            String etag = "\"" + (page == null ? 0 : page.hashCode()) + "\"";
            int status = page == null ? 404 : etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                    ? 304 : 200;
            exchange.getResponseHeaders().add("ETag", etag);
            byte[] body = status == 200 ? page.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        mis.start();
    }

    @AfterAll
    static void stopMis() {
        mis.stop(0);
    }

    @Test
    void refresh_discoveryOverPinnedHttps_acceptsTheBundleThenUses304() {
        PAGES.put("/.well-known/margo", discovery("plant.example", origin("127.0.0.1") + "/bundle"));
        PAGES.put("/bundle", TestPki.bundleJson(4, PKI.root()));
        TrustStore store = store("127.0.0.1", pin, "a");

        assertThat(store.refresh()).isInstanceOf(RefreshOutcome.Updated.class);
        assertThat(store.anchors()).containsExactly(PKI.root().certificate());
        assertThat(store.refresh()).isEqualTo(new RefreshOutcome.Unchanged());
    }

    @Test
    void refresh_pinOfAnotherCa_isUnavailable() throws Exception {
        PAGES.put("/.well-known/margo", discovery("plant.example", origin("127.0.0.1") + "/bundle"));
        PAGES.put("/bundle", TestPki.bundleJson(4, PKI.root()));
        TrustStore store = store("127.0.0.1", PinnedTrustManager.fingerprint(PKI.root().certificate()), "b");

        assertThat(store.refresh()).asString().contains("the MIS chain contains no pinned certificate");
        assertThat(store.anchors()).isEmpty();
    }

    @Test
    void refresh_hostNameNotInTheMisCertificate_isUnavailable() {
        PAGES.put("/.well-known/margo", discovery("plant.example", origin("127.0.0.1") + "/bundle"));
        PAGES.put("/bundle", TestPki.bundleJson(4, PKI.root()));

        assertThat(store("localhost", pin, "c").refresh()).isInstanceOf(RefreshOutcome.Unavailable.class)
                .asString().contains("No name matching localhost found");
    }

    @Test
    void refresh_discoveryNamesAnotherTrustDomain_isRejectedAsConfigurationError() {
        PAGES.put("/.well-known/margo", discovery("other.example", origin("127.0.0.1") + "/bundle"));

        assertThat(store("127.0.0.1", pin, "d").refresh()).isEqualTo(new RefreshOutcome.Rejected(origin("127.0.0.1")
                + "/.well-known/margo: discovery document names trust domain 'other.example' but the agent's SVID "
                + "is in 'plant.example' (configuration error)"));
    }

    @Test
    void refresh_plainHttpTrustBundleUri_isRejected() {
        PAGES.put("/.well-known/margo", discovery("plant.example", "http://127.0.0.1/bundle"));

        assertThat(store("127.0.0.1", pin, "e").refresh()).isInstanceOf(RefreshOutcome.Rejected.class);
    }

    private static TrustStore store(String host, String pinned, String state) {
        return TrustStore.open(new TrustStore.Settings(Optional.empty(),
                Optional.of(URI.create(origin(host) + "/.well-known/margo")), Optional.empty(), List.of(pinned),
                dir.resolve(state), Duration.ofHours(1), Optional.of("plant.example")));
    }

    private static String origin(String host) {
        return "https://" + host + ":" + mis.getAddress().getPort();
    }

    private static String discovery(String trustDomain, String bundleUri) {
        return "{\"trustDomain\":\"" + trustDomain + "\",\"trustBundleUri\":\"" + bundleUri + "\",\"extra\":1}";
    }
}
