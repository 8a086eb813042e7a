package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 framing and connection rules on a real mTLS connection (docs/http-robustness.md): every answer is complete
 * and counted, and a connection either stays in step (the next request gets its own answer) or is closed right after
 * the answer. Several of these work around Helidon 4.5.0 behaviour; each test names what it pins.
 */
class HttpFramingTest {
    private static final String CAPS =
            "{\"properties\":{\"id\":\"d\",\"vendor\":\"v\",\"modelNumber\":\"m\",\"serialNumber\":\"s\"}}";
    private static final String PUT = "PUT /api/v1/capabilities/d HTTP/1.1\r\nHost: wfm\r\n"
            + "Content-Type: application/json\r\n";
    private static final String CHUNKED = PUT + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String NEXT = "GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n\r\n";
    private static final Duration WAIT = Duration.ofMillis(1500);

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

    private static String send(String request) throws Exception {
        return wfm.rawUntilClosed(tls, request.getBytes(StandardCharsets.UTF_8), WAIT);
    }

    private static String statuses(String answer) {
        Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answer);
        StringBuilder codes = new StringBuilder();
        while (m.find()) {
            codes.append(codes.isEmpty() ? "" : ",").append(m.group(1));
        }
        return codes.append(answer.endsWith("<EOF>") ? " closed" : " open").toString();
    }

    @Test
    void chunkSizeNegative_is400AndCloses() throws Exception {
        String answer = send(CHUNKED + "-1\r\nx\r\n0\r\n\r\n" + NEXT);
        assertThat(statuses(answer)).isEqualTo("400 closed");
        assertThat(answer).containsIgnoringCase("Connection: close").contains("\"status\":400");
    }

    @Test
    void chunkSizeAbove2pow32_is400AndCloses() throws Exception {
        assertThat(statuses(send(CHUNKED + "100000000\r\nxx\r\n0\r\n\r\n" + NEXT))).isEqualTo("400 closed");
    }

    @Test
    void chunkSizeNotHex_is400AndClosesInsteadOfHanging() throws Exception {
        assertThat(statuses(send(CHUNKED + "zz\r\nxx\r\n0\r\n\r\n" + NEXT))).isEqualTo("400 closed");
    }

    @Test
    void unreadChunkedBodyWithBadSize_isAnsweredAndClosedInsteadOfHanging() throws Exception {
        // the handler never reads a GET body; Helidon 4.5.0 drained it and waited forever for the next "chunk size"
        String answer = send("GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n");
        assertThat(statuses(answer)).isEqualTo("200 closed");
    }

    @Test
    void chunkSizeAboveTheListenerLimit_isOne413AndCloses() throws Exception {
        String answer = send(CHUNKED + "7fffffff\r\nxx\r\n0\r\n\r\n" + NEXT);
        assertThat(statuses(answer)).isEqualTo("413 closed");
        assertThat(answer).contains("\"status\":413");
    }

    @Test
    void chunkExtension_isRefusedBy400AndCloses_helidon450DoesNotParseExtensions() throws Exception {
        String answer = send(CHUNKED + "1a;foo=bar\r\n{\"properties\":{\"id\":\"dd\"}}\r\n0\r\n\r\n" + NEXT);
        assertThat(statuses(answer)).isEqualTo("400 closed");
    }

    @Test
    void trailerFields_areRefusedBy400AndClose_helidon450DoesNotParseTrailers() throws Exception {
        String answer = send(CHUNKED + "4b\r\n" + CAPS + "\r\n0\r\nX-Trailer: a\r\n\r\n" + NEXT);
        assertThat(statuses(answer)).isEqualTo("400 closed");
    }

    @Test
    void validChunkedBody_isStoredAndTheConnectionStaysInStep() throws Exception {
        assertThat(statuses(send(CHUNKED + "4B\r\n" + CAPS + "\r\n0\r\n\r\n" + NEXT))).matches("20[01],200 open");
    }

    @Test
    void contentLengthBody_keepsTheConnectionInStep() throws Exception {
        assertThat(statuses(send(PUT + "Content-Length: " + CAPS.length() + "\r\n\r\n" + CAPS + NEXT)))
                .matches("20[01],200 open");
    }

    @Test
    void methodWithControlCharacter_is400NotRetryable() throws Exception {
        String answer = send("GET\0 /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n\r\n");
        assertThat(statuses(answer)).isEqualTo("400 closed");
        assertThat(answer).contains("\"retryable\":false").containsIgnoringCase("application/problem+json");
    }

    @Test
    void methodWithNonAsciiCharacter_is400() throws Exception {
        assertThat(statuses(send("GéT /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n\r\n"))).isEqualTo("400 closed");
    }

    @Test
    void expectContinueAnsweredEarly_closesSoTheBodyIsNeverParsedAsARequest() throws Exception {
        String answer = send("PUT /api/v1/capabilities/d HTTP/1.1\r\nHost: wfm\r\nContent-Type: text/plain\r\n"
                + "Expect: 100-continue\r\nContent-Length: 33\r\n\r\nGARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(statuses(answer)).isEqualTo("415 closed");
        assertThat(answer).containsIgnoringCase("Connection: close");
    }

    @Test
    void connectionClose_closesAfterTheAnswer() throws Exception {
        String answer = send("GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\nConnection: close\r\n\r\n" + NEXT);
        assertThat(statuses(answer)).isEqualTo("200 closed");
    }

    @Test
    void head_is405WithAllowAndNoContent() throws Exception {
        String answer = send("HEAD /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n\r\n" + NEXT);
        assertThat(statuses(answer)).isEqualTo("405,200 open");
        String head = answer.substring(0, answer.indexOf("HTTP/1.1 200"));
        assertThat(head).contains("Allow: GET").containsIgnoringCase("Content-Length: 0").endsWith("\r\n\r\n");
    }

    @Test
    void http10_is426WithUpgrade() throws Exception {
        String answer = send("GET /api/v1/deployments HTTP/1.0\r\nHost: wfm\r\n\r\n");
        assertThat(statuses(answer)).isEqualTo("426 closed");
        assertThat(answer).contains("Upgrade: HTTP/1.1").contains("\"status\":426");
    }

    @Test
    void connectToIpFutureLiteral_is400() throws Exception {
        assertThat(statuses(send("CONNECT [v1.x]:443 HTTP/1.1\r\nHost: wfm\r\n\r\n"))).isEqualTo("400 closed");
    }

    @Test
    void transferCodingOtherThanChunked_is400NotA501() throws Exception {
        String answer = send(PUT + "Transfer-Encoding: gzip, chunked\r\n\r\n4b\r\n" + CAPS + "\r\n0\r\n\r\n");
        assertThat(statuses(answer)).isEqualTo("400 closed");
        assertThat(answer).contains("\"retryable\":false");
    }

    @Test
    void acceptWithOnlyMalformedRanges_isDisregarded() throws Exception {
        assertThat(statuses(send("GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\nAccept: ;\r\n\r\n"
                + "GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\nAccept: ;;;\r\n\r\n"))).isEqualTo("200,200 open");
    }

    @Test
    void acceptRefusingTheManifestType_is406EvenBesideAWildcard() throws Exception {
        String answer = send("GET /api/v1/deployments HTTP/1.1\r\nHost: wfm\r\n"
                + "Accept: application/vnd.margo.manifest.v1+json;q=0, */*\r\n\r\n");
        assertThat(statuses(answer)).isEqualTo("406 open");
    }
}
