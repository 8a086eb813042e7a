package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openmargo.wfm.desiredstate.DeploymentValidator;

/**
 * Margo rc.3 f.3 step 3: one profile of a description, for one device, as an ApplicationDeployment (the f.1 shape).
 *
 * <p>{@code id}, {@code metadata.name}, {@code metadata.namespace} and {@code metadata.deviceId} are the caller's;
 * {@code spec.applicationId} is the description's {@code id}; {@code deploymentProfile} holds the profile's
 * {@code type}, its {@code components} (every member as written, in order), its {@code deviceConstraints} and its
 * {@code x-…-extensions}, as written; the description's top-level extensions (WFM-targeted) and the older
 * {@code requiredResources} are never copied. {@code parameters} maps each parameter to its value and its targets;
 * because a deployment's targets may only name the components of its own profile (rc.3 {@code appDeploymentParams}),
 * each target keeps the components of the chosen profile, a target left with none is dropped, and a parameter left
 * with no target is omitted (it configures only other profiles). The result is checked with the WFM's own
 * {@link DeploymentValidator} before it is returned.
 */
final class Renderer {
    private Renderer() {
    }

    static byte[] render(Description d, Description.Profile profile, ResolvedParameters values, String deviceId,
                         UUID deploymentId, String namespace, String name) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("deviceId", deviceId);
        Map<String, Object> deploymentProfile = new LinkedHashMap<>();
        deploymentProfile.put("type", profile.type());
        deploymentProfile.put("components", profile.components());
        profile.deviceConstraints().ifPresent(c -> deploymentProfile.put("deviceConstraints", c));
        deploymentProfile.putAll(profile.extensions());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("applicationId", d.app().appId());
        spec.put("deploymentProfile", deploymentProfile);
        Map<String, Object> parameters = parameters(d, profile, values);
        if (!parameters.isEmpty()) {
            spec.put("parameters", parameters);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", deploymentId.toString());
        root.put("metadata", metadata);
        root.put("spec", spec);
        byte[] yaml = YamlWriter.write(root);
        DeploymentValidator.validate(yaml);
        return yaml;
    }

    private static Map<String, Object> parameters(Description d, Description.Profile profile,
                                                  ResolvedParameters values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Description.Parameter p : d.parameters().values()) {
            List<Object> targets = new ArrayList<>();
            for (Description.Target t : p.targets()) {
                List<String> components = t.components().stream().filter(profile.componentNames()::contains)
                        .toList();
                if (!components.isEmpty()) {
                    Map<String, Object> target = new LinkedHashMap<>();
                    target.put("pointer", t.pointer());
                    target.put("components", components);
                    targets.add(target);
                }
            }
            JsonValue value = values.values().get(p.name());
            if (targets.isEmpty()) {
                continue;
            }
            if (value == null) {
                throw new IllegalArgumentException("no value for parameter " + p.name() + ": resolve it first");
            }
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("value", JsonTree.yaml(value));
            parameter.put("targets", targets);
            out.put(p.name(), parameter);
        }
        return out;
    }
}
