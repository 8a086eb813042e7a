package org.openmargo.wfm.httpcommon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.StoreException;

/**
 * The device API's error mapping answers a database outage with 503 and {@code Retry-After}, and any other store
 * failure with an opaque 500 (retryable, as spec section g has every 500, but never "database not available"). The
 * classification of real driver failures is tested in the store package (TransactorOutageTest,
 * LimitsAndFailuresContract); here the failures carry the SQL states those drivers produce.
 */
class StoreFailureAnswerTest {
    static WebServer server;

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> {
            r.get("/pool-timeout", (req, res) -> {
                throw StoreException.of("listing devices", new SQLTransientConnectionException(
                        "wfm-store - Connection is not available, request timed out after 30000ms."));
            });
            r.get("/refused", (req, res) -> {
                throw StoreException.of("listing devices", new SQLException("Connection refused", "08001"));
            });
            r.get("/too-long", (req, res) -> {
                throw StoreException.of("storing device capabilities",
                        new SQLException("value too long for type character varying(512)", "22001"));
            });
            ErrorMapping.register(r);
        }).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void outage_poolTimeoutOrConnectionRefused_503WithRetryAfter30() throws Exception {
        for (String path : new String[] {"/pool-timeout", "/refused"}) {
            HttpResponse<String> answer = get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(path).contains("30");
            assertThat(answer.body()).contains("\"retryable\":true");
        }
    }

    @Test
    void dataError_notAnOutage_opaque500() throws Exception {
        HttpResponse<String> answer = get("/too-long");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("\"title\":\"Internal Server Error\"")
                .doesNotContain("database").doesNotContain("varying").doesNotContain("22001");
    }
}
