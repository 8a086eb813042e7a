package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device API request log of a real WFM: sampled at the configured rate, with the fields docs/observability.md names. */
class RequestLogTest {
    @TempDir
    Path dir;

    @Test
    void requestLog_sampleRateOne_everyRequestWithIdClientRouteStatusDurationAndNoCredentials() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = handler(records);
        Logger logger = Logger.getLogger("org.openmargo.wfm.requests");
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of("wfm.log.request-sample-rate", "1"))) {
            logger.addHandler(capture); // after the start: Helidon re-reads the logging configuration, which resets
            // every logger's handlers
            HttpClient device = wfm.client(wfm.acceptedClient("logged-client"));
            HttpResponse<String> manifest = device.send(HttpRequest.newBuilder(wfm.device("/api/v1/deployments"))
                    .header("Authorization", "Bearer must-not-be-logged").build(),
                    HttpResponse.BodyHandlers.ofString());
            device.send(HttpRequest.newBuilder(wfm.device("/api/v1/bundles/sha256:" + "0".repeat(64))).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(manifest.statusCode()).isEqualTo(200);
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(records).hasSize(2);
        Map<?, ?> poll = (Map<?, ?>) records.get(0).getParameters()[0];
        assertThat(poll.get("requestId")).asString().isNotEmpty();
        assertThat(poll.get("clientId")).isEqualTo("logged-client");
        assertThat(poll.get("method")).isEqualTo("GET");
        assertThat(poll.get("endpoint")).isEqualTo("/api/v1/deployments");
        assertThat(poll.get("status")).isEqualTo(200);
        assertThat((Double) poll.get("durationMs")).isPositive();
        Map<?, ?> bundle = (Map<?, ?>) records.get(1).getParameters()[0];
        assertThat(bundle.get("endpoint")).isEqualTo("/api/v1/bundles/{digest}");
        assertThat(bundle.get("status")).isEqualTo(404);
        assertThat(records.toString() + poll + bundle).doesNotContain("must-not-be-logged").doesNotContain("0000000");
    }

    @Test
    void requestLog_sampleRateZero_nothingLogged() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = handler(records);
        Logger logger = Logger.getLogger("org.openmargo.wfm.requests");
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, Map.of("wfm.log.request-sample-rate", "0"))) {
            logger.addHandler(capture);
            HttpClient device = wfm.client(wfm.acceptedClient("quiet-client"));
            for (int i = 0; i < 5; i++) {
                device.send(HttpRequest.newBuilder(wfm.device("/api/v1/deployments")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).isEmpty();
    }

    private static Handler handler(List<LogRecord> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
