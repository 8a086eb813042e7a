package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests no well-behaved device sends, written byte by byte on a real mTLS connection. None may produce a 5xx or a
 * stack trace; errors answered by the WFM itself are problem+json with the expected status.
 */
class HostileRequestsTest {
    @TempDir
    static Path dir;
    static RunningWfm wfm;
    static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        wfm = RunningWfm.start(dir, Map.of("wfm.device-api.max-body-bytes", "65536"));
        tls = wfm.pki.clientContext(wfm.pki.client("mallory"));
        wfm.operator("POST", "/operator/v1/clients/mallory/accept", null);
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    static Arguments request(String method, String path, String contentType, String body, int status) {
        return Arguments.of(method, path, contentType, body, status);
    }

    static java.util.stream.Stream<Arguments> hostile() {
        String caps = "{\"properties\":{\"id\":\"d\",\"vendor\":\"v\",\"modelNumber\":\"m\",\"serialNumber\":\"s\"}}";
        return java.util.stream.Stream.of(
                request("PUT", "/api/v1/capabilities/d", "application/json", "[1,2,3]", 400),
                request("PUT", "/api/v1/capabilities/d", "application/json", "{\"properties\":", 400),
                request("PUT", "/api/v1/capabilities/d", "application/json", "[".repeat(5000), 400),
                request("PUT", "/api/v1/capabilities/d", "application/json",
                        "{\"properties\":{\"id\":1,\"vendor\":true,\"modelNumber\":[],\"serialNumber\":{}}}", 422),
                request("PUT", "/api/v1/capabilities/d", "text/plain", caps, 415),
                request("PUT", "/api/v1/capabilities/d", "application/json", "x".repeat(70_000), 413),
                request("PUT", "/api/v1/capabilities/gw%2Fd", "application/json", caps, 400),
                // the server normalizes dot segments away: what remains is not an endpoint
                request("PUT", "/api/v1/capabilities/..", "application/json", caps, 404),
                request("PUT", "/api/v1/capabilities/a//b", "application/json", caps, 400),
                request("PUT", "/api/v1/capabilities/d;x=1", "application/json", caps, 400),
                request("GET", "/api/v1/capabilities/d", null, null, 405),
                request("DELETE", "/api/v1/capabilities/%00", null, null, 404),
                request("POST", "/api/v1/deployments", "application/json", "{}", 405),
                request("GET", "/api/v1/deployments/x/y/z", null, null, 404),
                request("GET", "/api/v1/deployments/" + "a".repeat(300) + "/sha256:" + "0".repeat(64), null, null, 404),
                request("POST", "/api/v1/deployments/abc/status", "application/json",
                        "{\"deploymentId\":\"abc\",\"adoptedManifestVersion\":-1,\"status\":{\"state\":\"installed\"},"
                                + "\"components\":[{\"name\":\"a\",\"state\":\"installed\"}]}", 422),
                request("POST", "/api/v1/deployments/abc/status", "application/json", "\"just a string\"", 400),
                request("GET", "/api/v1/bundles/sha256:" + "Z".repeat(64), null, null, 404),
                request("GET", "/api/v1/bundles/", null, null, 404),
                request("GET", "/api/v1/../../etc/passwd", null, null, 404),
                request("GET", "/nothing", null, null, 404));
    }

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @MethodSource("hostile")
    void hostileRequest_isAnsweredWithProblemJsonAndNoServerError(String method, String path, String contentType,
                                                                  String body, int status) throws Exception {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: wfm\r\nConnection: close\r\n");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);

        String answer = wfm.raw(tls, all);

        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void nonUtf8Body_is400InvalidRequest() throws Exception {
        byte[] body = {'{', '"', 'p', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        String head = "PUT /api/v1/capabilities/d HTTP/1.1\r\nHost: wfm\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] all = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, head.length());
        System.arraycopy(body, 0, all, head.length(), body.length);
        String answer = wfm.raw(tls, all);
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("#invalid-request");
    }

    @Test
    void malformedRequestLine_isAProblemJsonClientError() throws Exception {
        String answer = wfm.raw(tls, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Content-Type: application/problem+json");
    }

    @Test
    void bodyOverTheListenersHardLimit_is413ProblemJsonBeforeRouting() throws Exception {
        String head = "PUT /api/v1/capabilities/d HTTP/1.1\r\nHost: wfm\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50000000\r\n\r\n";
        String answer = wfm.raw(tls, head.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":413");
    }
}
