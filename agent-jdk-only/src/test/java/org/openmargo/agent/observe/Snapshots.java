package org.openmargo.agent.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.schedule.WakeUp;

/** Snapshots with every fact known, and with none, on fixed instants. */
final class Snapshots {
    static final Instant WRITTEN = Instant.parse("2026-12-05T00:10:00.250Z");

    private Snapshots() {
    }

    static AgentSnapshot full() {
        return new AgentSnapshot(WRITTEN, "press-7",
                Optional.of(new AgentSnapshot.Sync(WRITTEN.minusMillis(250), "unavailable: connection refused")),
                Optional.of(Instant.parse("2026-12-05T00:05:00Z")), Optional.of("18446744073709551615"),
                List.of(new AgentSnapshot.Deployment("a", "installed", "sha256:aa", "3"),
                        new AgentSnapshot.Deployment("b", "failed", "sha256:bb", "4"),
                        new AgentSnapshot.Deployment("c", "pending", "sha256:cc", "4")),
                2, new WakeUp.Decision(Instant.parse("2026-12-05T00:10:01.25Z"), "config-reload", "its own schedule"),
                new WakeUp.Decision(Instant.parse("2026-12-05T00:10:20Z"), "poll", "backoff after 1 failure"),
                new IdentityFacts(Optional.of(Instant.parse("2026-12-06T00:00:00Z")),
                        Optional.of(Instant.parse("2026-12-05T00:00:00Z"))),
                new PollCounts(Map.of(PollResult.ACCEPTED, 1L, PollResult.UNCHANGED, 5L,
                        PollResult.UNAVAILABLE, 1L)));
    }

    /** The first pass of an agent that could not reach its WFM: nothing known but the wake-up. */
    static AgentSnapshot bare() {
        WakeUp.Decision none = new WakeUp.Decision(WRITTEN.plusSeconds(300), "none",
                "nothing is due: poll.rate from now");
        return new AgentSnapshot(WRITTEN, "press-7", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                0, none, none, IdentityFacts.unknown(), PollCounts.none());
    }
}
