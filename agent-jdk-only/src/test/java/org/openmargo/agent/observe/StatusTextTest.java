package org.openmargo.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@code agent status} for people: the same facts as {@code --json}, one per line. */
class StatusTextTest {
    private static final Instant NOW = Instant.parse("2026-12-05T00:10:30Z");

    @Test
    void of_fullSnapshot_isOneFactPerLine() {
        assertThat(StatusText.of(Optional.of(Snapshots.full()), NOW, "/var/lib/openmargo-agent")).isEqualTo("""
                device:                 press-7
                status written:         2026-12-05T00:10:00.250Z (29 s ago)
                last sync:              2026-12-05T00:10:00Z (30 s ago): unavailable: connection refused
                last successful sync:   2026-12-05T00:05:00Z (330 s ago)
                manifest version:       18446744073709551615
                deployments:            3 (installed 1, pending 1, failed 1)
                  a  installed  manifest 3
                  b  failed  manifest 4
                  c  pending  manifest 4
                pending reports:        2
                next wake-up:           2026-12-05T00:10:01.250Z (28 s ago): config-reload (its own schedule)
                next exchange:          2026-12-05T00:10:20Z (10 s ago): poll (backoff after 1 failure)
                SVID expires:           2026-12-06T00:00:00Z (in 85770 s)
                trust bundle refreshed: 2026-12-05T00:00:00Z (630 s ago)
                polls since start:      accepted 1, unchanged 5, rejected 0, unavailable 1, error 0"""
                .replace("\n", System.lineSeparator()));
    }

    @Test
    void of_nothingWritten_saysTheAgentHasNotRun() {
        assertThat(StatusText.of(Optional.empty(), NOW, "/var/lib/openmargo-agent"))
                .isEqualTo("the agent has not run with state.dir /var/lib/openmargo-agent (no status yet)");
    }

    @Test
    void of_unknownFacts_sayWhatIsMissing() {
        assertThat(StatusText.of(Optional.of(Snapshots.bare()), NOW, "/x")).contains(
                "last sync:              never", "manifest version:       none",
                "deployments:            0" + System.lineSeparator(),
                "SVID expires:           unknown", "trust bundle refreshed: not yet in this run");
    }
}
