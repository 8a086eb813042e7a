package org.openmargo.wfm.identityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.BuiltInWfm;
import org.openmargo.wfm.testpki.Csrs;

/**
 * The built-in identity service issues SVIDs for every client id the token and signing APIs accept (1-200
 * characters), although a certificate's common name holds at most 64: it used to answer 500 for 65-200.
 */
class LongClientIdTest {
    @TempDir
    Path dir;

    @Test
    void signCsr_clientIdOf200Characters_201AndTheSvidAuthenticatesOnTheDeviceApi() throws Exception {
        String clientId = "c".repeat(200);
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of())) {
            Csrs.Csr csr = Csrs.p256();
            HttpResponse<String> signed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + wfm.server.operatorPort() + "/operator/v1/clients/"
                                    + clientId + "/svid"))
                    .header("Authorization", "Bearer " + wfm.server.operatorToken())
                    .header("Content-Type", "application/pkcs10")
                    .POST(HttpRequest.BodyPublishers.ofString(csr.pem())).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(signed.statusCode()).isEqualTo(201);
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(signed.body().getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
            String spiffeId = "spiffe://plant.example/margo/wfm/wfm-a/client/" + clientId;
            assertThat(chain.getFirst().getSubjectAlternativeNames()).containsExactly(List.of(6, spiffeId));
            ClientCredentials client = new ClientCredentials(csr.keys().getPrivate(),
                    new IssuedSvid(spiffeId, chain, chain.getFirst().getNotAfter().toInstant()));
            assertThat(wfm.get(wfm.client(client), "/api/v1/deployments")).isEqualTo(200);
        }
    }

    @Test
    void createToken_clientIdOf200Characters_201() throws Exception {
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of())) {
            HttpResponse<String> created = wfm.operator("POST", "/operator/v1/enrollment-tokens",
                    "{\"clientId\":\"" + "c".repeat(200) + "\"}");
            HttpResponse<String> tooLong = wfm.operator("POST", "/operator/v1/enrollment-tokens",
                    "{\"clientId\":\"" + "c".repeat(201) + "\"}");

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(tooLong.statusCode()).isEqualTo(400);
        }
    }
}
