package org.openmargo.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.Json;

/** {@code agent status --json}: the documented shape, key for key (docs/agent.md shows this example). */
class StatusDocumentTest {
    private static final Instant NOW = Instant.parse("2026-12-05T00:10:30Z");

    @Test
    void of_fullSnapshot_isTheDocumentedShapeWithSecondsCountedToNow() {
        assertThat(Json.write(StatusDocument.of(Optional.of(Snapshots.full()), NOW))).isEqualTo("""
                {"format":1,"now":"2026-12-05T00:10:30Z","writtenAt":"2026-12-05T00:10:00.250Z",\
                "deviceId":"press-7",\
                "lastSync":{"at":"2026-12-05T00:10:00Z","result":"unavailable: connection refused"},\
                "lastSuccessfulSync":"2026-12-05T00:05:00Z","manifestVersion":"18446744073709551615",\
                "deployments":[\
                {"id":"a","state":"installed","digest":"sha256:aa","adoptedManifestVersion":"3"},\
                {"id":"b","state":"failed","digest":"sha256:bb","adoptedManifestVersion":"4"},\
                {"id":"c","state":"pending","digest":"sha256:cc","adoptedManifestVersion":"4"}],\
                "pendingReports":2,\
                "nextWakeUp":{"at":"2026-12-05T00:10:01.250Z","step":"config-reload","reason":"its own schedule"},\
                "nextExchange":{"at":"2026-12-05T00:10:20Z","step":"poll","reason":"backoff after 1 failure"},\
                "svid":{"notAfter":"2026-12-06T00:00:00Z","secondsToExpiry":85770},\
                "trustBundle":{"refreshedAt":"2026-12-05T00:00:00Z","ageSeconds":630},\
                "pollsSinceStart":{"accepted":1,"unchanged":5,"rejected":0,"unavailable":1,"error":0}}""");
    }

    @Test
    void of_unknownFacts_areNullNotLeftOut() {
        assertThat(Json.write(StatusDocument.of(Optional.of(Snapshots.bare()), NOW))).isEqualTo("""
                {"format":1,"now":"2026-12-05T00:10:30Z","writtenAt":"2026-12-05T00:10:00.250Z",\
                "deviceId":"press-7","lastSync":null,"lastSuccessfulSync":null,"manifestVersion":null,\
                "deployments":[],"pendingReports":0,\
                "nextWakeUp":{"at":"2026-12-05T00:15:00.250Z","step":"none",\
                "reason":"nothing is due: poll.rate from now"},\
                "nextExchange":{"at":"2026-12-05T00:15:00.250Z","step":"none",\
                "reason":"nothing is due: poll.rate from now"},\
                "svid":null,"trustBundle":null,\
                "pollsSinceStart":{"accepted":0,"unchanged":0,"rejected":0,"unavailable":0,"error":0}}""");
    }

    @Test
    void of_expiredSvid_countsNegativeSeconds() {
        Instant later = Instant.parse("2026-12-06T00:00:01.5Z");

        assertThat(StatusDocument.of(Optional.of(Snapshots.full()), later).object("svid").orElseThrow()
                .number("secondsToExpiry").orElseThrow().longValueExact()).isEqualTo(-2);
    }
}
