package org.openmargo.wfm.identityserviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.Csrs;

/** The operator API's enrollment, CSR signing, discovery and audit endpoints on a real listener. */
class OperatorEnrollmentApiTest {
    @TempDir
    static Path dir;
    static EnrollmentWfm wfm;

    @BeforeAll
    static void start() throws Exception {
        wfm = new EnrollmentWfm(dir);
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return wfm.operator("POST", path, contentType, body, "bob");
    }

    static String auditText() throws Exception {
        return wfm.operator("GET", "/operator/v1/audit?limit=1000", null, null, null).body();
    }

    @Test
    void createToken_201WithSecretDiscoveryAndPins_listShowsItWithoutTheSecret() throws Exception {
        HttpResponse<String> created = post("/operator/v1/enrollment-tokens", "application/json",
                "{\"clientId\":\"press-4\",\"ttl\":\"PT2H\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = Http.json(created.body());
        String token = body.getString("token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.getString("clientId")).isEqualTo("press-4");
        assertThat(body.getString("discoveryUri")).isEqualTo("https://localhost:8444/.well-known/margo");
        assertThat(body.getJsonArray("pins").getString(0)).isEqualTo(wfm.misTls.pin());
        String list = wfm.operator("GET", "/operator/v1/enrollment-tokens", null, null, null).body();
        assertThat(list).doesNotContain(token);
        assertThat(list).contains("\"tokenId\":\"" + body.getString("tokenId") + "\",\"clientId\":\"press-4\"");
        assertThat(list).contains("\"createdBy\":\"bob\"");
        assertThat(list).contains("\"state\":\"unused\"");
    }

    @Test
    void createToken_badInputs_400Or415AndNoTokenStored() throws Exception {
        record Case(String contentType, String body, int status) {
        }
        for (Case c : List.of(new Case("application/json", "{\"clientId\":\"a\",\"ttl\":\"P31D\"}", 400),
                new Case("application/json", "{\"clientId\":\"a\",\"ttl\":\"soon\"}", 400),
                new Case("application/json", "{\"clientId\":\"a\",\"ttl\":3600}", 400),
                new Case("application/json", "{\"clientId\":\"..\"}", 400),
                new Case("application/json", "{\"clientId\":\"a/b\"}", 400),
                new Case("application/json", "{}", 400),
                new Case("application/json", "{", 400),
                new Case("text/plain", "{\"clientId\":\"a\"}", 415))) {
            HttpResponse<String> answer = post("/operator/v1/enrollment-tokens", c.contentType(), c.body());
            assertThat(answer.statusCode()).as(c.body()).isEqualTo(c.status());
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        assertThat(wfm.operator("GET", "/operator/v1/enrollment-tokens", null, null, null).body())
                .doesNotContain("\"clientId\":\"a\"");
    }

    @Test
    void signCsr_pemOrDer_201ChainForTheClientWhichIsAccepted() throws Exception {
        Csrs.Csr csr = Csrs.p256();
        HttpResponse<String> pem = post("/operator/v1/clients/airgap-1/svid", "application/pkcs10", csr.pem());
        HttpRequest derRequest = HttpRequest.newBuilder(URI.create(wfm.operatorUrl() + "/operator/v1/clients/airgap-2/svid"))
                .header("Authorization", "Bearer " + EnrollmentWfm.OPERATOR_TOKEN)
                .header("Content-Type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Csrs.p256().der())).build();
        HttpResponse<String> der = HttpClient.newHttpClient().send(derRequest, HttpResponse.BodyHandlers.ofString());

        assertThat(pem.statusCode()).isEqualTo(201);
        assertThat(pem.headers().firstValue("Content-Type")).contains("application/pem-certificate-chain");
        assertThat(Http.chain(pem.body()).getFirst().getPublicKey()).isEqualTo(csr.keys().getPublic());
        assertThat(Http.uriSan(Http.chain(pem.body()).getFirst())).isEqualTo(wfm.pki.clientUri("airgap-1"));
        assertThat(der.statusCode()).isEqualTo(201);
        String clients = wfm.operator("GET", "/operator/v1/clients", null, null, null).body();
        assertThat(clients).contains("\"clientId\":\"airgap-1\",\"standing\":\"accepted\"");
        assertThat(clients).contains("\"clientId\":\"airgap-2\",\"standing\":\"accepted\"");
        assertThat(auditText()).contains("\"actor\":\"bob\",\"remoteAddress\":\"127.0.0.1\","
                + "\"action\":\"client.sign-csr\",\"target\":\"airgap-1\"");
    }

    @Test
    void signCsr_badInputs_problemAndClientNotAccepted() throws Exception {
        assertThat(post("/operator/v1/clients/airgap-x/svid", "text/plain", "hello").statusCode()).isEqualTo(422);
        assertThat(post("/operator/v1/clients/airgap-x/svid", "text/plain", Csrs.rsa2048().pem()).body())
                .contains("\"detail\":\"key algorithm or size not allowed: RSA\"");
        assertThat(post("/operator/v1/clients/airgap-x/svid", "application/json", "{}").statusCode()).isEqualTo(415);
        assertThat(post("/operator/v1/clients/" + "x".repeat(201) + "/svid", "text/plain", Csrs.p256().pem())
                .statusCode()).isEqualTo(400);
        assertThat(post("/operator/v1/clients/airgap-x/svid", "text/plain", "x".repeat(70_000)).statusCode())
                .isEqualTo(413);
        assertThat(wfm.operator("GET", "/operator/v1/clients", null, null, null).body()).doesNotContain("airgap-x");
    }

    @Test
    void retire_clientWithUnusedToken_tokenRevokedAndEnrollmentRefused() throws Exception {
        String token = wfm.token("gone", null);

        assertThat(post("/operator/v1/clients/gone/retire", null, null).statusCode()).isEqualTo(200);

        assertThat(wfm.operator("GET", "/operator/v1/enrollment-tokens", null, null, null).body())
                .containsPattern("\"clientId\":\"gone\",[^}]*\"state\":\"revoked\"");
        HttpResponse<String> enroll = Http.post(wfm.misClient(), wfm.mis(EnrollmentEndpoint.PATH), "application/json",
                Http.enrollBody(token, Csrs.p256().pem()));
        assertThat(enroll.statusCode()).isEqualTo(403);
        assertThat(auditText()).contains("\"action\":\"client.retire\",\"target\":\"gone\","
                + "\"detail\":\"revoked 1 unused enrollment token(s)\"");
    }

    @Test
    void revokeToken_unknownOrMalformedId_404Or400() throws Exception {
        assertThat(wfm.operator("DELETE", "/operator/v1/enrollment-tokens/0123456789abcdef", null, null, null)
                .statusCode()).isEqualTo(404);
        assertThat(wfm.operator("DELETE", "/operator/v1/enrollment-tokens/XYZ", null, null, null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void operatorChanges_eachAuditedWithActorRemoteAddressAndTarget() throws Exception {
        post("/operator/v1/clients/audit-me/accept", null, null);
        post("/operator/v1/clients/audit-me/retire", null, null);
        String yaml = """
                metadata:
                  name: app
                  namespace: test
                  deviceId: dev-1
                spec:
                  applicationId: app
                  deploymentProfile:
                    type: compose
                    components:
                      - name: app
                        properties:
                          repository: oci://registry.example.com/apps/app
                          revision: 1.0.0
                """;
        HttpResponse<String> put = wfm.operator("PUT", "/operator/v1/clients/audit-me/deployments",
                "application/yaml", yaml, "carol");
        assertThat(put.statusCode()).isEqualTo(201);
        String id = Http.json(put.body()).getString("deploymentId");
        wfm.operator("DELETE", "/operator/v1/clients/audit-me/deployments/" + id, null, null, "carol");

        String audit = auditText();

        assertThat(audit).contains("\"actor\":\"bob\",\"remoteAddress\":\"127.0.0.1\",\"action\":\"client.accept\","
                + "\"target\":\"audit-me\"");
        assertThat(audit).contains("\"actor\":\"bob\",\"remoteAddress\":\"127.0.0.1\",\"action\":\"client.retire\","
                + "\"target\":\"audit-me\"");
        assertThat(audit).contains("\"actor\":\"carol\",\"remoteAddress\":\"127.0.0.1\",\"action\":\"deployment.put\","
                + "\"target\":\"audit-me/" + id + "\"");
        assertThat(audit).contains("\"actor\":\"carol\",\"remoteAddress\":\"127.0.0.1\","
                + "\"action\":\"deployment.remove\",\"target\":\"audit-me/" + id + "\"");
        assertThat(audit.indexOf("deployment.remove")).isLessThan(audit.indexOf("deployment.put"));
    }

    @Test
    void operatorName_invalid_400AndNothingChanged() throws Exception {
        for (String name : List.of("x".repeat(65), " ")) {
            HttpResponse<String> answer = wfm.operator("POST", "/operator/v1/clients/nameless/accept", null, null,
                    name);
            assertThat(answer.statusCode()).as(name + " " + answer.body() + auditText()).isEqualTo(400);
        }
        assertThat(wfm.operator("GET", "/operator/v1/clients", null, null, null).body()).doesNotContain("nameless");
    }

    @Test
    void audit_withoutName_defaultActorAndLimitHonouredAndValidated() throws Exception {
        wfm.operator("POST", "/operator/v1/clients/default-actor/accept", null, null, null);

        assertThat(auditText()).contains("\"actor\":\"operator\",\"remoteAddress\":\"127.0.0.1\","
                + "\"action\":\"client.accept\",\"target\":\"default-actor\"");
        JsonObject two = Http.json(wfm.operator("GET", "/operator/v1/audit?limit=2", null, null, null).body());
        assertThat(two.getJsonArray("entries")).hasSize(2);
        for (String bad : List.of("0", "1001", "x", "-1", "1&limit=2")) {
            assertThat(wfm.operator("GET", "/operator/v1/audit?limit=" + bad, null, null, null).statusCode()).as(bad)
                    .isEqualTo(400);
        }
    }

    @Test
    void discovery_uriPinsAndAgentConfigLines() throws Exception {
        JsonObject body = Http.json(wfm.operator("GET", "/operator/v1/discovery", null, null, null).body());

        assertThat(body.getString("discoveryUri")).isEqualTo("https://localhost:8444/.well-known/margo");
        assertThat(body.getString("agentConfig")).isEqualTo("trust.discovery-url = "
                + "https://localhost:8444/.well-known/margo\ntrust.pins = " + wfm.misTls.pin() + "\n");
    }
}
