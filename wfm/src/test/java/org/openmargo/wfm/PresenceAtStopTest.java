package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop saves the polls taken since the last presence flush, so the next start still knows them. */
class PresenceAtStopTest {
    /** Long enough that no periodic flush runs after the one at start: only the stop can save the poll. */
    private static final Map<String, String> HOURLY_FLUSH = Map.of("wfm.fleet.presence-flush-interval", "PT10M");

    @TempDir
    Path dir;

    @Test
    void pollAnsweredBeforeAGracefulStop_isTheClientsLastPollAfterRestart() throws Exception {
        try (BuiltInWfm wfm = BuiltInWfm.start(dir, HOURLY_FLUSH)) {
            HttpClient device = wfm.client(wfm.acceptedClient("poller-1"));
            HttpResponse<String> poll = device.send(HttpRequest.newBuilder(wfm.device("/api/v1/deployments"))
                    .header("Accept", "application/vnd.margo.manifest.v1+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
            assertThat(wfm.operator("GET", "/operator/v1/clients/poller-1", null).body()).contains("\"lastPoll\":\"");
        }

        try (BuiltInWfm restarted = BuiltInWfm.start(dir, HOURLY_FLUSH)) {
            String client = "";
            for (int i = 0; i < 50 && !client.contains("\"lastPoll\":\""); i++) {
                Thread.sleep(100); // the first flush, at start on the fleet thread, reads the table
                client = restarted.operator("GET", "/operator/v1/clients/poller-1", null).body();
            }
            assertThat(client).contains("\"lastPoll\":\"");
        }
    }
}
