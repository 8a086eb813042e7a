package org.openmargo.agent.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.state.StatusError;

/**
 * The rc.3 {@code DeploymentStatusManifest} JSON (digest d.1):
 * <pre>{@code
 * {"deploymentId":"…","deviceId":"…","adoptedManifestVersion":7,
 *  "status":{"state":"failed","error":{"code":"…","source":"…","message":"…"}},
 *  "components":[{"name":"…","state":"…","error":{…}}]}
 * }</pre>
 * No {@code apiVersion}/{@code kind} (rc.3 dropped them); {@code deviceId} and every {@code error} are omitted when
 * absent rather than sent empty; {@code adoptedManifestVersion} is a plain unsigned integer. Stateless and thread-safe.
 */
public final class StatusReportJson {
    private StatusReportJson() {
    }

    /** Returns the compact UTF-8 JSON body to POST for {@code report}. */
    public static byte[] write(StatusReport report) {
        return Json.writeUtf8(toJson(report));
    }

    static JsonObject toJson(StatusReport report) {
        JsonObject.Builder root = JsonObject.builder().put("deploymentId", report.deploymentId());
        report.deviceId().ifPresent(id -> root.put("deviceId", id));
        root.put("adoptedManifestVersion", JsonNumber.ofUnsigned(report.adoptedManifestVersion()));
        root.put("status", stateAndError(JsonObject.builder(), report.state(), report.error()).build());
        List<JsonValue> components = new ArrayList<>();
        for (ComponentStatus c : report.components()) {
            components.add(stateAndError(JsonObject.builder().put("name", c.name()), c.state(), c.error()).build());
        }
        return root.put("components", new JsonArray(components)).build();
    }

    private static JsonObject.Builder stateAndError(JsonObject.Builder b, ComponentState state,
            Optional<StatusError> error) {
        b.put("state", state.wireName());
        error.ifPresent(e -> b.put("error", JsonObject.builder()
                .put("code", e.code()).put("source", e.source()).put("message", e.message()).build()));
        return b;
    }

    /**
     * Reads a report written by {@link #toJson(StatusReport)} (the outbox files).
     *
     * @throws IllegalArgumentException if a member is missing or invalid
     * @throws ArithmeticException if the version is not a uint64
     */
    static StatusReport fromJson(JsonObject o) {
        JsonObject status = o.object("status").orElseThrow(() -> missing("status"));
        List<ComponentStatus> components = new ArrayList<>();
        for (JsonValue v : o.array("components").orElseThrow(() -> missing("components")).items()) {
            if (!(v instanceof JsonObject c)) {
                throw new IllegalArgumentException("a component is not an object");
            }
            components.add(new ComponentStatus(string(c, "name"), state(c), error(c)));
        }
        return new StatusReport(string(o, "deploymentId"), o.string("deviceId"),
                o.number("adoptedManifestVersion").orElseThrow(() -> missing("adoptedManifestVersion"))
                        .unsignedLongValueExact(),
                state(status), error(status), components);
    }

    private static ComponentState state(JsonObject o) {
        return ComponentState.ofWireName(string(o, "state"));
    }

    private static Optional<StatusError> error(JsonObject o) {
        return o.object("error").map(e -> new StatusError(string(e, "code"), string(e, "source"), string(e, "message")));
    }

    private static String string(JsonObject o, String key) {
        return o.string(key).orElseThrow(() -> missing(key));
    }

    private static IllegalArgumentException missing(String key) {
        return new IllegalArgumentException("missing or mistyped member '" + key + "'");
    }
}
