package org.openmargo.agent.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;

/**
 * The JSON form of {@code state.json}, the one small file that commits a state by naming the blobs it uses:
 * <pre>{@code
 * {"format":1,
 *  "manifest":{"version":7,"etag":"\"sha256:…\"","body":"sha256:…"},
 *  "desired":{"<deploymentId>":{"digest":"sha256:…","adoptedManifestVersion":5}},
 *  "applied":{"<deploymentId>":{"digest":"sha256:…","adoptedManifestVersion":5,
 *             "components":[{"name":"db","state":"failed","error":{"code":…,"source":…,"message":…}}]}}}
 * }</pre>
 * Versions are unsigned 64-bit JSON integers. Maps are written in sorted key order so equal states give equal bytes.
 */
final class StateIndex {
    static final int FORMAT = 1;

    private StateIndex() {
    }

    /** The parts of a state that the index holds; blobs are referenced by digest only. */
    record Entries(Optional<ManifestRef> manifest, Map<String, AgentState.Desired> desired,
            Map<String, AgentState.Applied> applied) {
    }

    record ManifestRef(long version, String etag, String bodyDigest) {
    }

    static JsonObject write(AgentState state) {
        JsonObject.Builder root = JsonObject.builder().put("format", FORMAT);
        state.manifest().ifPresent(m -> root.put("manifest", JsonObject.builder()
                .put("version", JsonNumber.ofUnsigned(m.version()))
                .put("etag", m.etag())
                .put("body", m.body().map(AgentState.Blob::digest).orElse(""))
                .build()));
        JsonObject.Builder desired = JsonObject.builder();
        new TreeMap<>(state.desired()).forEach((id, d) -> desired.put(id, JsonObject.builder()
                .put("digest", d.digest())
                .put("adoptedManifestVersion", JsonNumber.ofUnsigned(d.adoptedManifestVersion()))
                .build()));
        JsonObject.Builder applied = JsonObject.builder();
        new TreeMap<>(state.applied()).forEach((id, a) -> applied.put(id, applied(a)));
        return root.put("desired", desired.build()).put("applied", applied.build()).build();
    }

    private static JsonObject applied(AgentState.Applied a) {
        List<JsonValue> components = new ArrayList<>();
        for (ComponentStatus c : a.components()) {
            JsonObject.Builder b = JsonObject.builder().put("name", c.name()).put("state", c.state().wireName());
            c.error().ifPresent(e -> b.put("error", JsonObject.builder()
                    .put("code", e.code()).put("source", e.source()).put("message", e.message()).build()));
            components.add(b.build());
        }
        return JsonObject.builder()
                .put("digest", a.digest())
                .put("adoptedManifestVersion", JsonNumber.ofUnsigned(a.adoptedManifestVersion()))
                .put("components", new JsonArray(components))
                .build();
    }

    /**
     * Reads an index.
     *
     * @throws IllegalArgumentException if a member is missing, has the wrong kind or an invalid value
     * @throws ArithmeticException if a version is not a uint64
     */
    static Entries read(JsonObject root) {
        long format = number(root, "format").longValueExact();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unsupported state format " + format);
        }
        Optional<ManifestRef> manifest = root.object("manifest").map(m -> new ManifestRef(
                number(m, "version").unsignedLongValueExact(), string(m, "etag"), string(m, "body")));
        Map<String, AgentState.Desired> desired = new LinkedHashMap<>();
        object(root, "desired").members().forEach((id, v) -> desired.put(id, new AgentState.Desired(
                string(asObject(v), "digest"), number(asObject(v), "adoptedManifestVersion").unsignedLongValueExact())));
        Map<String, AgentState.Applied> applied = new LinkedHashMap<>();
        object(root, "applied").members().forEach((id, v) -> applied.put(id, readApplied(asObject(v))));
        return new Entries(manifest, desired, applied);
    }

    private static AgentState.Applied readApplied(JsonObject a) {
        List<ComponentStatus> components = new ArrayList<>();
        for (JsonValue item : a.array("components").orElseThrow(() -> missing("components")).items()) {
            JsonObject c = asObject(item);
            Optional<StatusError> error = c.object("error").map(e ->
                    new StatusError(string(e, "code"), string(e, "source"), string(e, "message")));
            components.add(new ComponentStatus(string(c, "name"), ComponentState.ofWireName(string(c, "state")), error));
        }
        return new AgentState.Applied(string(a, "digest"),
                number(a, "adoptedManifestVersion").unsignedLongValueExact(), components);
    }

    private static JsonObject asObject(JsonValue value) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new IllegalArgumentException("expected an object but got " + value);
    }

    private static JsonObject object(JsonObject o, String key) {
        return o.object(key).orElseThrow(() -> missing(key));
    }

    private static String string(JsonObject o, String key) {
        return o.string(key).orElseThrow(() -> missing(key));
    }

    private static JsonNumber number(JsonObject o, String key) {
        return o.number(key).orElseThrow(() -> missing(key));
    }

    private static IllegalArgumentException missing(String key) {
        return new IllegalArgumentException("missing or mistyped member '" + key + "'");
    }
}
