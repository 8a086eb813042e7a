package org.openmargo.agent.faults;

import java.util.List;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;

/**
 * The parts of a received status body the tests compare: deployment, version and overall state.
 *
 * @param deploymentId the deployment
 * @param version      adoptedManifestVersion
 * @param state        status.state
 */
record StatusBody(String deploymentId, long version, String state) {
    static StatusBody parse(String body) {
        try {
            JsonObject o = (JsonObject) Json.parse(body);
            return new StatusBody(o.string("deploymentId").orElseThrow(),
                    o.number("adoptedManifestVersion").orElseThrow().unsignedLongValueExact(),
                    o.object("status").flatMap(s -> s.string("state")).orElseThrow());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a status body: " + body, e);
        }
    }

    static List<StatusBody> parseAll(List<String> bodies) {
        return bodies.stream().map(StatusBody::parse).toList();
    }
}
