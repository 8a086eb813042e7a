package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.forwarded.ProxyIdentity;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The proxied device API listener over real TLS: the device certificate arrives in RFC 9440 headers from the pinned
 * proxy and passes the same checks as on a direct connection; hostile input is a 400 or 401 problem, never a 5xx;
 * the same headers on the direct mTLS listener are ignored.
 */
class ProxiedDeviceApiTest {
    @TempDir
    static Path dir;
    static RunningWfm wfm;
    static TestPki.Svid proxy;
    static HttpClient viaProxy;

    @BeforeAll
    static void start() throws IOException {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        proxy = pki.issue(pki.newRoot("haproxy"), pki.leafSpec("spiffe://proxy.example/haproxy"));
        wfm = RunningWfm.start(dir, pki, Map.of(
                "wfm.proxied-device-api.enabled", "true",
                "wfm.proxied-device-api.port", "0",
                "wfm.proxied-device-api.proxy-fingerprints", ProxyIdentity.fingerprint(proxy.leaf())));
        viaProxy = wfm.client(proxy);
        wfm.server.identity().policy().accept("dev-1");
        wfm.server.identity().policy().accept("dev-2");
        wfm.server.identity().policy().retire("retired-1");
    }

    @AfterAll
    static void stop() {
        if (wfm != null) {
            wfm.close();
        }
    }

    static String item(X509Certificate c) {
        try {
            return ":" + Base64.getEncoder().encodeToString(c.getEncoded()) + ":";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI proxied(String path) {
        return URI.create("https://127.0.0.1:" + wfm.server.proxiedDeviceApiPort() + path);
    }

    static HttpResponse<String> get(HttpClient client, URI uri, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void manifest_forwardedValidSvid_servedForThatClient() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"),
                "Client-Cert", item(wfm.pki.client("dev-1").leaf()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"manifestVersion\":1");
    }

    @Test
    void manifest_forwardedLeafIssuedByAnIntermediate_withTheChain_served() throws Exception {
        TestPki.Authority intermediate = wfm.pki.newIntermediate();
        TestPki.Svid svid = wfm.pki.client(intermediate, "dev-2");
        assertThat(get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert", item(svid.leaf()),
                "Client-Cert-Chain", item(intermediate.certificate())).statusCode()).isEqualTo(200);
        // A leaf never validated before (a validated leaf is cached by CallerAuthenticator, with its path's validity).
        TestPki.Svid unseen = wfm.pki.client(intermediate, "dev-2");
        assertThat(get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert", item(unseen.leaf())).statusCode())
                .as("without the intermediate the path does not verify").isEqualTo(401);
    }

    @Test
    void manifest_noForwardedCertificate_401() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void manifest_malformedBase64_400ProblemJson() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert", ":%%%not-base64%%%:");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("Client-Cert is not valid base64");
    }

    @Test
    void manifest_base64OfSomethingElse_400() throws Exception {
        assertThat(get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert",
                ":" + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}) + ":")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void manifest_certificateOfAnotherTrustDomain_401() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert",
                item(wfm.pki.wrongTrustDomain("dev-1").leaf()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("trust domain");
    }

    @Test
    void manifest_expiredSvid_401() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert",
                item(wfm.pki.expiredClient("dev-1").leaf()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("expired");
    }

    @Test
    void manifest_chainOfAnUnknownCa_401() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert",
                item(wfm.pki.unknownCaClient("dev-1").leaf()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("does not lead to an anchor");
    }

    @Test
    void manifest_validSvidOfARetiredClient_403NotAuthorized() throws Exception {
        HttpResponse<String> r = get(viaProxy, proxied("/api/v1/deployments"), "Client-Cert",
                item(wfm.pki.client("retired-1").leaf()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("not-authorized");
    }

    @Test
    void proxiedListener_deviceConnectingDirectlyWithForgedHeaders_refusedInTheHandshake() {
        HttpClient device = wfm.client(wfm.pki.client("dev-1"));
        assertThatThrownBy(() -> get(device, proxied("/api/v1/deployments"),
                "Client-Cert", item(wfm.pki.client("dev-1").leaf())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void directListener_forgedClientCertOfAnAcceptedClient_ignoredAndTheRetiredCallerRefused() throws Exception {
        HttpClient retired = wfm.client(wfm.pki.client("retired-1"));
        HttpResponse<String> r = get(retired, wfm.uri("/api/v1/deployments"),
                "Client-Cert", item(wfm.pki.client("dev-1").leaf()));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void proxiedListener_proxyCertificateNotPinned_refusedInTheHandshake() {
        TestPki.Svid other = wfm.pki.issue(wfm.pki.newRoot("other-proxy"),
                wfm.pki.leafSpec("spiffe://proxy.example/other"));
        assertThatThrownBy(() -> get(wfm.client(other), proxied("/api/v1/deployments"),
                "Client-Cert", item(wfm.pki.client("dev-1").leaf())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void renewal_viaTheProxy_servedForTheForwardedCaller_refusedWithoutOne() throws Exception {
        HttpRequest.Builder renew = HttpRequest.newBuilder(proxied("/x-openmargo/identity/v1/renew"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"csr\":\"x\"}"));
        HttpResponse<String> anonymous = viaProxy.send(renew.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forwarded = viaProxy.send(renew.header("Client-Cert",
                item(wfm.pki.client("dev-1").leaf())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        // This WFM's identity comes from files (no identity service): past authentication, the endpoint says so.
        assertThat(forwarded.statusCode()).isEqualTo(404);
        assertThat(forwarded.body()).contains("does not issue SVIDs");
    }
}
