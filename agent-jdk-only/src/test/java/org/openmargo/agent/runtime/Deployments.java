package org.openmargo.agent.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.status.StatusReport;

/** Builds ApplicationDeployment documents and keeps them by digest, as the sync step would. */
final class Deployments implements Function<String, Optional<DeploymentSpec>> {
    static final String ID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private final Map<String, DeploymentSpec> byDigest = new HashMap<>();

    /** A component entry: {@code name:revision} or {@code name:revision:nowait}. */
    static String component(String spec) {
        String[] parts = spec.split(":");
        String wait = parts.length > 2 ? ",\"wait\":false" : "";
        return "{\"name\":\"" + parts[0] + "\",\"properties\":{\"repository\":\"oci://registry.example.com/"
                + parts[0] + "\",\"revision\":\"" + parts[1] + "\"" + wait + "}}";
    }

    /** Returns the JSON text of deployment {@code id} named "shop" with those components. */
    static String document(String id, String parameters, String... components) {
        List<String> items = new ArrayList<>();
        for (String c : components) {
            items.add(component(c));
        }
        return "{\"id\":\"" + id + "\",\"metadata\":{\"name\":\"shop\",\"namespace\":\"shop\",\"deviceId\":\"dev-1\"},"
                + "\"spec\":{\"applicationId\":\"shop\",\"deploymentProfile\":{\"type\":\"helm\",\"components\":["
                + String.join(",", items) + "]},\"parameters\":{" + parameters + "}}}";
    }

    /** The capabilities document of the device under test: one 4-core amd64 CPU, 8Gi memory, a zone label. */
    static JsonObject device() {
        return parseJson("{\"properties\":{\"id\":\"dev-1\",\"vendor\":\"Northstar\",\"cpus\":[{\"cores\":4,"
                + "\"architecture\":\"amd64\"}],\"memory\":\"8192Mi\"},\"labels\":{\"example.com/zone\":\"north\"}}");
    }

    /** {@link #document} with {@code deviceConstraints} (JSON text) in its profile. */
    static String constrained(String id, String constraints, String... components) {
        return document(id, "", components).replace("]},\"parameters\"",
                "],\"deviceConstraints\":" + constraints + "},\"parameters\"");
    }

    static JsonObject parseJson(String text) {
        try {
            return (JsonObject) Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Registers the document and returns its digest. */
    String add(String documentText) {
        String digest = AgentState.Blob.ofUtf8(documentText).digest();
        byDigest.put(digest, DeploymentSpec.parse(parseJson(documentText)));
        return digest;
    }

    @Override
    public Optional<DeploymentSpec> apply(String digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    /** Renders a report as {@code v8 installing web=installed api=installing db=pending}, errors in brackets. */
    static String summary(StatusReport r) {
        StringBuilder b = new StringBuilder("v" + Long.toUnsignedString(r.adoptedManifestVersion()) + " "
                + r.state().wireName());
        r.error().ifPresent(e -> b.append(" [").append(e.code()).append('|').append(e.source()).append('|')
                .append(e.message()).append(']'));
        for (ComponentStatus c : r.components()) {
            b.append(' ').append(c.name()).append('=').append(c.state().wireName());
            c.error().ifPresent(e -> b.append(" [").append(e.code()).append('|').append(e.source()).append('|')
                    .append(e.message()).append(']'));
        }
        return b.toString();
    }
}
