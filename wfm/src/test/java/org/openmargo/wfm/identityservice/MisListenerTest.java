package org.openmargo.wfm.identityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmargo.wfm.BuiltInWfm;
import org.openmargo.wfm.ca.Fingerprint;

/**
 * The MIS listener of a running WFM over real HTTPS, as a device bootstrapping trust sees it: no client certificate,
 * the listener authenticated by pinning the MIS TLS root plus the host name check, the two documents with ETags, and
 * problem+json for everything else. Also: SVIDs issued from CSRs of every allowed key type authenticate on the device
 * API.
 */
class MisListenerTest {
    @TempDir
    static Path dir;
    static BuiltInWfm wfm;
    static HttpClient pinned;

    @BeforeAll
    static void start() throws Exception {
        wfm = BuiltInWfm.start(dir, Map.of("wfm.identity-service.tls-names", "localhost,127.0.0.1"));
        pinned = HttpClient.newBuilder().sslContext(pinnedContext(wfm.server.misPort(), wfm.mis.tlsPins().getFirst()))
                .build();
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    /**
     * Trusts exactly the CA served on {@code port} whose fingerprint is {@code pin} (taken from the listener's chain
     * as a device would), with the JDK's PKIX and HTTPS host name checks.
     */
    static SSLContext pinnedContext(int port, String pin) throws Exception {
        X509Certificate root = null;
        for (X509Certificate served : servedChain(port)) {
            if (Fingerprint.of(served).equals(pin)) {
                root = served;
            }
        }
        assertThat(root).as("the pinned root is in the served chain").isNotNull();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("pin", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static X509Certificate[] servedChain(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        java.util.List<X509Certificate> seen = new java.util.ArrayList<>();
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String type) {
                seen.addAll(java.util.List.of(chain));
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (var socket = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
        }
        return seen.toArray(new X509Certificate[0]);
    }

    static HttpResponse<String> get(HttpClient client, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servedChain_isLeafThenTheMisRoot_whichIsNotATrustAnchor() throws Exception {
        X509Certificate[] chain = servedChain(wfm.server.misPort());
        assertThat(chain).hasSize(2);
        assertThat(Fingerprint.of(chain[1])).isEqualTo(wfm.mis.tlsPins().getFirst());
        assertThat(wfm.mis.ca().anchors()).doesNotContain(chain[1]);
        assertThat(chain[0].getSubjectAlternativeNames()).containsExactly(java.util.List.of(2, "localhost"),
                java.util.List.of(7, "127.0.0.1"));
    }

    @Test
    void discovery_withPinnedRootAndHostName_answersTheDocumentWithStrongEtag() throws Exception {
        HttpResponse<String> response = get(pinned, wfm.misUri("/.well-known/margo"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        String base = "https://localhost:" + wfm.server.misPort();
        JsonObject body = Json.createReader(new java.io.StringReader(response.body())).readObject();
        assertThat(body).isEqualTo(Json.createObjectBuilder()
                .add("trustDomain", "plant.example")
                .add("trustBundleUri", base + "/.well-known/spiffe/bundle.json")
                .add("x-openmargo", Json.createObjectBuilder().add("wfmId", "wfm-a")
                        .add("enrollUri", base + "/x-openmargo/enrollment/v1/enroll"))
                .build());
        assertThat(wfm.mis.discoveryUri()).isEqualTo(URI.create(base + "/.well-known/margo"));
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{64}\"");

        HttpResponse<String> again = get(pinned, wfm.misUri("/.well-known/margo"), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get(pinned, wfm.misUri("/.well-known/margo"), "If-None-Match", "\"other\"").statusCode())
                .isEqualTo(200);
    }

    @Test
    void bundle_answersThePublishedAnchorsWithEtagAnd304() throws Exception {
        HttpResponse<String> response = get(pinned, wfm.misUri("/.well-known/spiffe/bundle.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(wfm.mis.trustBundleJson());
        JsonObject bundle = Json.createReader(new java.io.StringReader(response.body())).readObject();
        assertThat(bundle.getJsonNumber("spiffe_sequence").longValue()).isEqualTo(1);
        assertThat(bundle.getJsonNumber("spiffe_refresh_hint").longValue()).isEqualTo(3600);
        String x5c = bundle.getJsonArray("keys").getJsonObject(0).getJsonArray("x5c").getString(0);
        X509Certificate anchor = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(java.util.Base64.getDecoder().decode(x5c)));
        assertThat(anchor).isEqualTo(wfm.mis.ca().anchors().getFirst());
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(get(pinned, wfm.misUri("/.well-known/spiffe/bundle.json"), "If-None-Match", "W/" + etag)
                .statusCode()).isEqualTo(304);
    }

    @Test
    void otherPaths_are404ProblemAndOtherMethods405() throws Exception {
        for (String path : new String[] {"/", "/.well-known/other", "/api/v1/deployments", "/x-openmargo/nothing"}) {
            HttpResponse<String> response = get(pinned, wfm.misUri(path));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"about:blank\"").contains("\"status\":404");
        }
        HttpResponse<String> post = pinned.send(HttpRequest.newBuilder(wfm.misUri("/.well-known/margo"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(post.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void pinnedClient_reachingTheListenerByANameNotInTheCertificate_failsTheHandshake() throws Exception {
        SSLContext context = pinnedContext(wfm.server.misPort(), wfm.mis.tlsPins().getFirst());
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", wfm.server.misPort());
             var tls = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(plain,
                     "wfm.elsewhere.example", wfm.server.misPort(), true)) {
            javax.net.ssl.SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("wfm.elsewhere.example");
        }
    }

    @Test
    void pinnedClient_withAnotherPin_failsTheHandshake() throws Exception {
        SSLContext other = SSLContext.getInstance("TLS");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("anchor", wfm.mis.ca().anchors().getFirst());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        other.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(other).build();
        assertThatThrownBy(() -> get(client, wfm.misUri("/.well-known/margo")))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "Ed25519", "RSA-3072"})
    void clientSvid_fromCsrOfEachKeyType_authenticatesOnTheDeviceApi(String kind) throws Exception {
        String clientId = "dev-" + kind.toLowerCase(java.util.Locale.ROOT);
        var keys = CsrTest.keys(kind);
        IssuedSvid svid = wfm.mis.issueClient(clientId, ClientCredentials.csr(keys));
        assertThat(svid.spiffeId()).isEqualTo("spiffe://plant.example/margo/wfm/wfm-a/client/" + clientId);
        assertThat(svid.notAfter()).isEqualTo(svid.chain().getFirst().getNotAfter().toInstant());
        assertThat(java.time.Duration.between(svid.chain().getFirst().getNotBefore().toInstant(), svid.notAfter()))
                .isEqualTo(java.time.Duration.ofDays(30).plusMinutes(1));
        wfm.server.identity().policy().accept(clientId);
        HttpClient client = wfm.client(new ClientCredentials(keys.getPrivate(), svid));
        assertThat(wfm.get(client, "/api/v1/deployments")).isEqualTo(200);
    }

    @Test
    void operatorCa_showsTheAnchorSequenceAndPin() throws Exception {
        HttpResponse<String> response = wfm.operator("GET", "/operator/v1/ca", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject view = Json.createReader(new java.io.StringReader(response.body())).readObject();
        String anchor = Fingerprint.of(wfm.mis.ca().anchors().getFirst());
        assertThat(view.getString("issuingAnchor")).isEqualTo(anchor);
        assertThat(view.getJsonNumber("bundleSequence").longValue()).isEqualTo(1);
        assertThat(view.getJsonArray("anchors")).hasSize(1);
        JsonObject first = view.getJsonArray("anchors").getJsonObject(0);
        assertThat(first.getString("fingerprint")).isEqualTo(anchor);
        assertThat(first.getString("algorithm")).isEqualTo("ES256");
        assertThat(first.getString("state")).isEqualTo("active");
        assertThat(view.getJsonArray("misTlsPins").getString(0)).isEqualTo(wfm.mis.tlsPins().getFirst());
    }

    @Test
    void operatorRotation_badBodies_are400And415() throws Exception {
        assertThat(wfm.operator("POST", "/operator/v1/ca/rotation", "{\"step\":\"sideways\"}").statusCode())
                .isEqualTo(400);
        assertThat(wfm.operator("POST", "/operator/v1/ca/rotation", "not json").statusCode()).isEqualTo(400);
        assertThat(wfm.operator("POST", "/operator/v1/ca/rotation", "[]").statusCode()).isEqualTo(400);
        HttpResponse<String> outOfOrder = wfm.operator("POST", "/operator/v1/ca/rotation", "{\"step\":\"finish\"}");
        assertThat(outOfOrder.statusCode()).isEqualTo(409);
        assertThat(outOfOrder.body()).contains("there is no previous anchor");
    }
}
