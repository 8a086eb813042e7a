package org.openmargo.wfm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.identityservice.ClientCredentials;
import org.openmargo.wfm.testpki.WfmSvidTrustManager;

/**
 * A WFM started for a test in built-in identity service mode (its own CA in an H2 database under {@code dir}) on free
 * loopback ports, and clients of it: SVIDs issued in process from CSRs, HTTP clients that present them and check the
 * WFM's SVID against the anchors the WFM publishes at the moment of each handshake.
 */
public final class BuiltInWfm implements AutoCloseable {
    public static final String TRUST_DOMAIN = "plant.example";
    public static final String WFM_ID = "wfm-a";

    public final WfmServer server;
    public final BuiltInIdentityService mis;

    private BuiltInWfm(WfmServer server) {
        this.server = server;
        this.mis = server.builtInIdentityService().orElseThrow();
    }

    /** The settings of a built-in WFM under {@code dir}, with {@code extra} keys on top. */
    public static WfmSettings settings(Path dir, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "wfm.data-dir", dir.toString(),
                "wfm.trust-domain", TRUST_DOMAIN,
                "wfm.wfm-id", WFM_ID,
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.operator.port", "0",
                "wfm.observe.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.identity.reload-interval", "PT0.2S"));
        values.putAll(extra);
        return WfmSettings.from(Config.just(ConfigSources.create(values)), "test");
    }

    public static BuiltInWfm start(Path dir, Map<String, String> extra) throws IOException {
        return new BuiltInWfm(WfmServer.start(settings(dir, extra)));
    }

    /** A fresh client SVID for {@code clientId} (EC P-256 key, CSR, in-process issuance), accepted by the policy. */
    public ClientCredentials acceptedClient(String clientId) {
        server.identity().policy().accept(clientId);
        return ClientCredentials.issue(mis, clientId);
    }

    public URI device(String path) {
        return URI.create("https://127.0.0.1:" + server.deviceApiPort() + path);
    }

    public URI misUri(String path) {
        return URI.create("https://localhost:" + server.misPort() + path);
    }

    /** An HTTP/1.1 client presenting {@code client}'s SVID and trusting the WFM's currently published anchors. */
    public HttpClient client(ClientCredentials client) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(clientContext(client, () -> mis.ca().anchors())).build();
    }

    /** GET {@code path} on the device API; an IOException means the handshake (or connection) failed. */
    public int get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(device(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    public HttpResponse<String> operator(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.operatorPort() + path))
                .header("Authorization", "Bearer " + server.operatorToken())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A TLS context presenting {@code client} (or nothing) and checking the WFM's SVID against {@code anchors}. */
    public static SSLContext clientContext(ClientCredentials client, Supplier<List<X509Certificate>> anchors) {
        try {
            KeyManager[] keys = null;
            if (client != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("svid", client.key(), new char[0],
                        client.svid().chain().toArray(new X509Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
                factory.init(store, new char[0]);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new WfmSvidTrustManager(anchors,
                    "spiffe://" + TRUST_DOMAIN + "/margo/wfm/" + WFM_ID)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
