package org.openmargo.wfm.identityserviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.Csrs;
import org.openmargo.wfm.testpki.TestPki;

/** Renewal over the real mTLS device API listener, authenticated and authorized like any Margo call. */
class RenewalEndpointTest {
    @TempDir
    static Path dir;
    static EnrollmentWfm wfm;

    @BeforeAll
    static void start() throws Exception {
        wfm = new EnrollmentWfm(dir);
        for (String id : List.of("renewer", "retiree", "hostile", "audited")) {
            wfm.identity.policy().accept(id);
        }
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    static HttpClient device(TestPki.Svid svid) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(wfm.pki.clientContext(svid))
                .build();
    }

    static HttpResponse<String> renew(HttpClient client, String contentType, String body) throws Exception {
        return Http.post(client, wfm.device(RenewalEndpoint.PATH), contentType, body);
    }

    static String csrBody(Csrs.Csr csr) {
        return Json.createObjectBuilder().add("csr", csr.pem()).build().toString();
    }

    @Test
    void renew_acceptedClient_200WithItsOwnSpiffeIdOnTheNewKeyWhichThenWorks() throws Exception {
        Csrs.Csr csr = Csrs.p256();

        HttpResponse<String> answer = renew(device(wfm.pki.client("renewer")), "application/json", csrBody(csr));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject body = Http.json(answer.body());
        assertThat(body.getString("spiffeId")).isEqualTo(wfm.pki.clientUri("renewer"));
        assertThat(body.getString("clientId")).isEqualTo("renewer");
        assertThat(body.getJsonObject("trustBundle").containsKey("keys")).isTrue();
        List<X509Certificate> chain = Http.chain(body.getString("certificateChain"));
        assertThat(chain.getFirst().getPublicKey()).isEqualTo(csr.keys().getPublic());
        assertThat(Http.uriSan(chain.getFirst())).isEqualTo(wfm.pki.clientUri("renewer"));
        HttpClient renewed = device(new TestPki.Svid(csr.keys().getPrivate(), chain));
        assertThat(renewed.send(HttpRequest.newBuilder(wfm.device("/api/v1/deployments")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void renew_retiredClient_403NotAuthorizedAndNothingIssued() throws Exception {
        HttpClient client = device(wfm.pki.client("retiree"));
        wfm.identity.policy().retire("retiree");
        int issued = wfm.identityService.issued();

        HttpResponse<String> answer = renew(client, "application/json", csrBody(Csrs.p256()));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("\"type\":\"https://docs.margo.org/specification/problem-types#not-authorized\"");
        assertThat(wfm.identityService.issued()).isEqualTo(issued);
    }

    @Test
    void renew_unknownClient_403() throws Exception {
        HttpResponse<String> answer = renew(device(wfm.pki.client("stranger")), "application/json",
                csrBody(Csrs.p256()));

        assertThat(answer.statusCode()).isEqualTo(403);
    }

    @Test
    void renew_hostileBodies_problemJsonNeverServerError() throws Exception {
        HttpClient client = device(wfm.pki.client("hostile"));
        record Case(String contentType, String body, int status) {
        }
        for (Case c : List.of(new Case("application/json", "{", 400),
                new Case("application/json", "{\"csr\":null}", 400),
                new Case("application/json", "{\"csr\":\"" + "A".repeat(70_000) + "\"}", 413),
                new Case("text/plain", csrBody(Csrs.p256()), 415),
                new Case("application/json", csrBody(Csrs.rsa2048()), 422),
                new Case("application/json", "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nAAAA\\n"
                        + "-----END CERTIFICATE REQUEST-----\\n\"}", 422))) {
            HttpResponse<String> answer = renew(client, c.contentType(), c.body());
            assertThat(answer.statusCode()).as(c.body().substring(0, Math.min(30, c.body().length())))
                    .isEqualTo(c.status());
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    void renew_success_auditedAsTheDevice() throws Exception {
        renew(device(wfm.pki.client("audited")), "application/json", csrBody(Csrs.p256()));

        String audit = wfm.operator("GET", "/operator/v1/audit", null, null, null).body();

        assertThat(audit).contains("\"actor\":\"device:audited\",\"remoteAddress\":\"127.0.0.1\",\"action\":\"renew\","
                + "\"target\":\"audited\"");
    }
}
