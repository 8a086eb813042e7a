package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

/**
 * Every id the edges accept can be stored, and every id they refuse gets a 4xx: never the 503 "database not
 * available" a too-long value used to produce (issue 10). A real WFM over mTLS, with the namespace accepted so that
 * any SPIFFE-valid client id reaches the device API.
 */
class EdgeLimitsTest {
    @TempDir
    static Path dir;
    static RunningWfm wfm;

    @BeforeAll
    static void start() throws Exception {
        wfm = RunningWfm.start(dir, Map.of("wfm.identity.accept-namespace", "true"));
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    static String capabilities(String deviceId) {
        return "{\"properties\":{\"id\":\"" + deviceId + "\",\"vendor\":\"v\",\"modelNumber\":\"m\","
                + "\"serialNumber\":\"s\"}}";
    }

    HttpResponse<String> putCapabilities(TestPki.Svid svid, String deviceId) throws Exception {
        return wfm.client(svid).send(HttpRequest.newBuilder(wfm.uri("/api/v1/capabilities/" + deviceId))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(capabilities(deviceId))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void putCapabilities_deviceIdOf1024Characters_201() throws Exception {
        HttpResponse<String> answer = putCapabilities(wfm.pki.client("long-devices"), "d".repeat(1024));

        assertThat(answer.statusCode()).isEqualTo(201);
    }

    @Test
    void putCapabilities_deviceIdOf1025Characters_400ProblemWithoutRetryAfter() throws Exception {
        HttpResponse<String> answer = putCapabilities(wfm.pki.client("long-devices"), "d".repeat(1025));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void putCapabilities_clientIdOf200Characters_201() throws Exception {
        HttpResponse<String> answer = putCapabilities(wfm.pki.client("c".repeat(200)), "gw1");

        assertThat(answer.statusCode()).isEqualTo(201);
    }

    @Test
    void putCapabilities_clientIdOf256Characters_refusedInTheHandshake() {
        assertThatThrownBy(() -> putCapabilities(wfm.pki.client("c".repeat(256)), "gw1"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void operatorPutDeployment_deviceIdOf1024Characters_201AndOf1025_422() throws Exception {
        HttpResponse<String> longest = wfm.operator("PUT", "/operator/v1/clients/ops-a/deployments",
                deployment("d".repeat(1024), "app"));
        HttpResponse<String> tooLong = wfm.operator("PUT", "/operator/v1/clients/ops-a/deployments",
                deployment("d".repeat(1025), "app"));

        assertThat(longest.statusCode()).isEqualTo(201);
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("{\"field\":\"metadata.deviceId\",\"message\":\"must be at most 1024 "
                + "characters long\"}");
    }

    @Test
    void operatorPutDeployment_nameOf256Characters_422() throws Exception {
        HttpResponse<String> answer = wfm.operator("PUT", "/operator/v1/clients/ops-b/deployments",
                deployment("dev", "n".repeat(256)));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("{\"field\":\"metadata.name\",\"message\":\"must be at most 255 "
                + "characters long\"}");
    }

    @Test
    void operatorAccept_matrixParameterInClientId_400AndNoClientAccepted() throws Exception {
        HttpResponse<String> answer = wfm.operator("POST",
                "/operator/v1/clients/semi;DROP%20TABLE%20client_policy/accept", null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(wfm.operator("GET", "/operator/v1/clients/semi", null).statusCode()).isEqualTo(404);
    }

    @Test
    void operatorRoutes_percentEncodedOrMatrixParameters_400() throws Exception {
        for (String[] route : new String[][] {
                {"GET", "/operator/v1/clients/a%2Db"},
                {"POST", "/operator/v1/clients/a;x=1/retire"},
                {"DELETE", "/operator/v1/clients/a/deployments/0b6c3f3e-5b0e-4d6c-9f0a-0d6f3b7c2a11;v=1"},
                {"DELETE", "/operator/v1/enrollment-tokens/0123456789abcdef;x"},
                {"GET", "/operator/v1/clients;x"}}) {
            assertThat(wfm.operator(route[0], route[1], null).statusCode()).as(route[1]).isEqualTo(400);
        }
    }

    @Test
    void operatorRemoveDeployment_idThatIsNotAUuid_400() throws Exception {
        HttpResponse<String> answer = wfm.operator("DELETE", "/operator/v1/clients/a/deployments/" + "x".repeat(300),
                null);

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    static String deployment(String deviceId, String name) {
        return """
                metadata:
                  name: %s
                  namespace: default
                  deviceId: %s
                spec:
                  applicationId: com-example-app
                  deploymentProfile:
                    type: compose
                    components:
                      - name: web
                        properties:
                          repository: oci://registry.example.com/compose/app
                          revision: 1.0.0
                """.formatted(name, deviceId);
    }
}
