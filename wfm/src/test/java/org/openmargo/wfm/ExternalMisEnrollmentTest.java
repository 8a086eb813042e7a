package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole WFM when its identity comes from an external MIS (operator-supplied files, no identity service):
 * renewal, token creation, CSR signing and discovery answer 404 problems, while the audit log and token list work.
 */
class ExternalMisEnrollmentTest {
    @TempDir
    static Path dir;
    static RunningWfm wfm;

    @BeforeAll
    static void start() throws Exception {
        wfm = RunningWfm.start(dir, Map.of());
        wfm.operator("POST", "/operator/v1/clients/ext-client/accept", null);
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    @Test
    void renew_acceptedClientWithoutIdentityService_404Problem() throws Exception {
        HttpResponse<String> answer = wfm.client(wfm.pki.client("ext-client")).send(
                HttpRequest.newBuilder(wfm.uri("/x-openmargo/identity/v1/renew")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"csr\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).contains("external Margo Identity Service");
    }

    @Test
    void renew_unacceptedClient_403BeforeAnythingElse() throws Exception {
        HttpResponse<String> answer = wfm.client(wfm.pki.client("ext-stranger")).send(
                HttpRequest.newBuilder(wfm.uri("/x-openmargo/identity/v1/renew"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("#not-authorized");
    }

    @Test
    void operatorEnrollmentEndpoints_withoutIdentityService_404() throws Exception {
        assertThat(wfm.operator("POST", "/operator/v1/enrollment-tokens", "{\"clientId\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(wfm.operator("POST", "/operator/v1/clients/x/svid", "-----BEGIN CERTIFICATE REQUEST-----")
                .statusCode()).isEqualTo(404);
        assertThat(wfm.operator("GET", "/operator/v1/discovery", null).statusCode()).isEqualTo(404);
        assertThat(wfm.operator("GET", "/operator/v1/enrollment-tokens", null).body()).isEqualTo("{\"tokens\":[]}");
    }

    @Test
    void audit_fullServer_recordsTheAcceptFromSetup() throws Exception {
        assertThat(wfm.operator("GET", "/operator/v1/audit", null).body()).contains("\"actor\":\"operator\","
                + "\"remoteAddress\":\"127.0.0.1\",\"action\":\"client.accept\",\"target\":\"ext-client\"");
    }
}
