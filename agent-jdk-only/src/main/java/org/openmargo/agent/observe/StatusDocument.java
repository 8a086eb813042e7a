package org.openmargo.agent.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNull;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/**
 * {@code agent status --json}: the documented, stable JSON shape of the agent's status (format {@value #FORMAT},
 * described with an example in {@code docs/agent.md}). Keys are only ever added within a format; a key that is not
 * known yet is {@code null}, never left out. Instants are ISO-8601 UTC; versions are unsigned decimal strings.
 * Stateless.
 */
public final class StatusDocument {
    /** The format number; it changes only when a key changes meaning or goes away. */
    public static final int FORMAT = 1;

    private StatusDocument() {
    }

    /**
     * The document for {@code snapshot}, or for an agent that has not run yet (empty), as seen at {@code now}
     * ({@code secondsToExpiry} and {@code ageSeconds} are counted to it).
     */
    public static JsonObject of(Optional<AgentSnapshot> snapshot, Instant now) {
        JsonObject.Builder b = JsonObject.builder().put("format", FORMAT).put("now", now.toString());
        if (snapshot.isEmpty()) {
            return b.put("writtenAt", JsonNull.INSTANCE).put("deviceId", JsonNull.INSTANCE)
                    .put("lastSync", JsonNull.INSTANCE).put("lastSuccessfulSync", JsonNull.INSTANCE)
                    .put("manifestVersion", JsonNull.INSTANCE).put("deployments", new JsonArray(List.of()))
                    .put("pendingReports", JsonNull.INSTANCE).put("nextWakeUp", JsonNull.INSTANCE)
                    .put("nextExchange", JsonNull.INSTANCE)
                    .put("svid", JsonNull.INSTANCE).put("trustBundle", JsonNull.INSTANCE)
                    .put("pollsSinceStart", JsonNull.INSTANCE).build();
        }
        AgentSnapshot s = snapshot.get();
        b.put("writtenAt", s.writtenAt().toString()).put("deviceId", s.deviceId());
        b.put("lastSync", s.lastSync().<JsonValue>map(sync -> JsonObject.builder().put("at", sync.at().toString())
                .put("result", sync.result()).build()).orElse(JsonNull.INSTANCE));
        b.put("lastSuccessfulSync", text(s.lastSuccessfulSync().map(Instant::toString)));
        b.put("manifestVersion", text(s.manifestVersion()));
        b.put("deployments", new JsonArray(s.deployments().stream().map(StatusFileFormat::deployment).toList()));
        b.put("pendingReports", s.pendingReports());
        b.put("nextWakeUp", StatusFileFormat.decision(s.nextWakeUp()));
        b.put("nextExchange", StatusFileFormat.decision(s.nextExchange()));
        b.put("svid", s.identity().svidNotAfter().<JsonValue>map(at -> JsonObject.builder()
                .put("notAfter", at.toString()).put("secondsToExpiry", seconds(now, at)).build())
                .orElse(JsonNull.INSTANCE));
        b.put("trustBundle", s.identity().trustBundleRefreshedAt().<JsonValue>map(at -> JsonObject.builder()
                .put("refreshedAt", at.toString()).put("ageSeconds", seconds(at, now)).build())
                .orElse(JsonNull.INSTANCE));
        JsonObject.Builder polls = JsonObject.builder();
        for (PollResult r : PollResult.values()) {
            polls.put(r.label(), s.polls().of(r));
        }
        return b.put("pollsSinceStart", polls.build()).build();
    }

    /** Whole seconds from {@code from} to {@code to}, rounded down; negative when {@code to} is earlier. */
    static long seconds(Instant from, Instant to) {
        return Math.floorDiv(Duration.between(from, to).toMillis(), 1000);
    }

    private static JsonValue text(Optional<String> value) {
        return value.<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE);
    }
}
