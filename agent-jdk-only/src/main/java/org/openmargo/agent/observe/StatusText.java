package org.openmargo.agent.observe;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openmargo.agent.schedule.WakeUp;

/**
 * {@code agent status} for people: the same facts as {@link StatusDocument}, one per line. Not a stable format
 * (scripts use {@code --json}). Stateless.
 */
public final class StatusText {
    private StatusText() {
    }

    /** The lines for {@code snapshot} (empty: the agent has not run with this state directory) seen at {@code now}. */
    public static String of(Optional<AgentSnapshot> snapshot, Instant now, String stateDir) {
        if (snapshot.isEmpty()) {
            return "the agent has not run with state.dir " + stateDir + " (no status yet)";
        }
        AgentSnapshot s = snapshot.get();
        StringBuilder out = new StringBuilder();
        line(out, "device", s.deviceId());
        line(out, "status written", when(s.writtenAt(), now));
        line(out, "last sync", s.lastSync().map(sync -> when(sync.at(), now) + ": " + sync.result()).orElse("never"));
        line(out, "last successful sync", s.lastSuccessfulSync().map(at -> when(at, now)).orElse("never"));
        line(out, "manifest version", s.manifestVersion().orElse("none"));
        Map<String, Long> byState = s.deploymentsByState();
        line(out, "deployments", s.deployments().size() + byState.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"))
                .replace(" ()", ""));
        s.deployments().forEach(d -> out.append("  ").append(d.id()).append("  ").append(d.state())
                .append("  manifest ").append(d.adoptedManifestVersion()).append('\n'));
        line(out, "pending reports", Integer.toString(s.pendingReports()));
        line(out, "next wake-up", decision(s.nextWakeUp(), now));
        line(out, "next exchange", decision(s.nextExchange(), now));
        line(out, "SVID expires", s.identity().svidNotAfter().map(at -> when(at, now)).orElse("unknown"));
        line(out, "trust bundle refreshed", s.identity().trustBundleRefreshedAt().map(at -> when(at, now))
                .orElse("not yet in this run"));
        line(out, "polls since start", java.util.Arrays.stream(PollResult.values())
                .map(r -> r.label() + " " + s.polls().of(r)).collect(Collectors.joining(", ")));
        return out.toString().stripTrailing();
    }

    private static String decision(WakeUp.Decision d, Instant now) {
        return when(d.at(), now) + ": " + d.step() + " (" + d.reason() + ")";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-23s %s%n", label + ":", value));
    }

    /** {@code 2026-12-05T00:10:00Z (42 s ago)} or {@code (in 42 s)}. */
    private static String when(Instant at, Instant now) {
        long seconds = StatusDocument.seconds(at, now);
        return at + (seconds >= 0 ? " (" + seconds + " s ago)" : " (in " + -seconds + " s)");
    }
}
