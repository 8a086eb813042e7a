package org.openmargo.agent.observe;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.schedule.WakeUp;

/**
 * The agent's own status file ({@code <state.dir>/agent-status.json}): an {@link AgentSnapshot} as JSON, written by
 * the running agent and read by {@code agent status}. Internal: scripts read {@code agent status --json}
 * ({@link StatusDocument}), whose shape is the documented one. The keys {@code lastSync} ({@code never} or an
 * instant) and {@code lastSyncResult} keep the meaning they had before this format grew. Stateless.
 */
public final class StatusFileFormat {
    private static final String NEVER = "never";

    private StatusFileFormat() {
    }

    /** The snapshot as the file's bytes (UTF-8 JSON). */
    public static byte[] encode(AgentSnapshot s) {
        JsonObject.Builder b = JsonObject.builder()
                .put("writtenAt", s.writtenAt().toString())
                .put("deviceId", s.deviceId())
                .put("lastSync", s.lastSync().map(sync -> sync.at().toString()).orElse(NEVER))
                .put("lastSyncResult", s.lastSync().map(AgentSnapshot.Sync::result).orElse("none yet"))
                .put("lastSuccessfulSync", s.lastSuccessfulSync().map(Instant::toString).orElse(NEVER))
                .put("manifestVersion", s.manifestVersion().orElse("none"))
                .put("pendingReports", s.pendingReports())
                .put("nextWakeUp", decision(s.nextWakeUp()))
                .put("nextExchange", decision(s.nextExchange()))
                .put("deployments", new JsonArray(s.deployments().stream().map(StatusFileFormat::deployment)
                        .toList()));
        s.identity().svidNotAfter().ifPresent(at -> b.put("svidNotAfter", at.toString()));
        s.identity().trustBundleRefreshedAt().ifPresent(at -> b.put("trustBundleRefreshedAt", at.toString()));
        JsonObject.Builder polls = JsonObject.builder();
        for (PollResult r : PollResult.values()) {
            polls.put(r.label(), s.polls().of(r));
        }
        b.put("polls", polls.build());
        return Json.writeUtf8(b.build());
    }

    static JsonObject decision(WakeUp.Decision d) {
        return JsonObject.builder().put("at", d.at().toString()).put("step", d.step()).put("reason", d.reason())
                .build();
    }

    static JsonValue deployment(AgentSnapshot.Deployment d) {
        return JsonObject.builder().put("id", d.id()).put("state", d.state()).put("digest", d.digest())
                .put("adoptedManifestVersion", d.adoptedManifestVersion()).build();
    }

    /**
     * Reads the file's bytes back.
     *
     * @throws IllegalArgumentException naming the first problem when the bytes are not a status file of this format
     *                                  (not JSON, a key missing or of the wrong type, a bad instant)
     */
    public static AgentSnapshot decode(byte[] bytes) {
        JsonObject o;
        try {
            o = Json.parse(bytes) instanceof JsonObject object ? object : null;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (o == null) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String lastSync = string(o, "lastSync");
        Optional<AgentSnapshot.Sync> sync = lastSync.equals(NEVER) ? Optional.empty()
                : Optional.of(new AgentSnapshot.Sync(instant("lastSync", lastSync), string(o, "lastSyncResult")));
        String success = string(o, "lastSuccessfulSync");
        String version = string(o, "manifestVersion");
        List<AgentSnapshot.Deployment> deployments = new ArrayList<>();
        for (JsonValue v : o.array("deployments").orElseThrow(() -> missing("deployments")).items()) {
            if (!(v instanceof JsonObject d)) {
                throw new IllegalArgumentException("deployments: expected objects");
            }
            deployments.add(new AgentSnapshot.Deployment(string(d, "id"), string(d, "state"), string(d, "digest"),
                    string(d, "adoptedManifestVersion")));
        }
        JsonObject pollsJson = o.object("polls").orElseThrow(() -> missing("polls"));
        Map<PollResult, Long> polls = new EnumMap<>(PollResult.class);
        for (PollResult r : PollResult.values()) {
            polls.put(r, number(pollsJson, r.label()));
        }
        return new AgentSnapshot(instant("writtenAt", string(o, "writtenAt")), string(o, "deviceId"), sync,
                success.equals(NEVER) ? Optional.empty() : Optional.of(instant("lastSuccessfulSync", success)),
                version.equals("none") ? Optional.empty() : Optional.of(version), deployments,
                (int) Math.min(Integer.MAX_VALUE, number(o, "pendingReports")),
                decision(o, "nextWakeUp"), decision(o, "nextExchange"),
                new IdentityFacts(o.string("svidNotAfter").map(t -> instant("svidNotAfter", t)),
                        o.string("trustBundleRefreshedAt").map(t -> instant("trustBundleRefreshedAt", t))),
                new PollCounts(polls));
    }

    /**
     * The last successful sync recorded in an earlier file, if the bytes are a readable status file that has one; a
     * file of an older format or a damaged one simply has none.
     */
    public static Optional<Instant> lastSuccessfulSync(byte[] bytes) {
        try {
            return Json.parse(bytes) instanceof JsonObject o ? o.string("lastSuccessfulSync")
                    .filter(t -> !t.equals(NEVER)).map(t -> instant("lastSuccessfulSync", t)) : Optional.empty();
        } catch (JsonParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static WakeUp.Decision decision(JsonObject o, String key) {
        JsonObject d = o.object(key).orElseThrow(() -> missing(key));
        return new WakeUp.Decision(instant(key + ".at", string(d, "at")), string(d, "step"), string(d, "reason"));
    }

    private static String string(JsonObject o, String key) {
        return switch (o.get(key).orElseThrow(() -> missing(key))) {
            case JsonString s -> s.value();
            default -> throw new IllegalArgumentException(key + ": expected a string");
        };
    }

    private static long number(JsonObject o, String key) {
        JsonValue v = o.get(key).orElseThrow(() -> missing(key));
        try {
            if (v instanceof JsonNumber n && n.longValueExact() >= 0) {
                return n.longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected a count");
    }

    private static Instant instant(String key, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + ": expected an instant but got '" + text + "'", e);
        }
    }

    private static IllegalArgumentException missing(String key) {
        return new IllegalArgumentException(key + " is missing");
    }
}
