package org.openmargo.wfm.desiredstate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.openmargo.wfm.device.DeviceId;
import org.openmargo.wfm.json.Violations;
import org.openmargo.wfm.problem.ProblemException;

/**
 * Checks an ApplicationDeployment YAML against the rc.3 {@code appDeploymentManifest} schema and spec f.1.
 *
 * <p>Decisions where the spec is silent or contradicts itself:
 * <ul>
 *   <li>{@code id} is required here (the schema leaves it optional) because the WFM stores and serves deployments by
 *       it; {@link #withIdIfMissing} adds one to an operator's document first.</li>
 *   <li>{@code metadata.annotations} is not required (digest i #6); {@code apiVersion}, {@code kind} and other
 *       members of the root and of {@code metadata} are ignored, because those objects are open in rc.3.
 *       Pre-rc.3 documents ({@code data-model/} examples: {@code metadata.annotations.applicationId}, no
 *       {@code metadata.deviceId}, {@code type: helm.v3}, compose {@code packageLocation}) are rejected.</li>
 *   <li>{@code spec}, {@code deploymentProfile} and each component are closed except for {@code x-…-extensions}.</li>
 *   <li>{@code deploymentProfile.type} may also be {@code custom} (digest i #8).</li>
 *   <li>{@code wait} must be a YAML boolean; the strings {@code "true"} and {@code "false"} are refused, since the
 *       WFM writes these documents and a device may parse strictly.</li>
 *   <li>{@code metadata.name}, {@code metadata.namespace} and component names must be non-blank strings; label values
 *       must be strings ({@code true} unquoted is a boolean and refused).</li>
 * </ul>
 * YAML is read by {@link YamlBody} (YAML 1.2 core schema, limits in its constants). Stateless and thread safe.
 */
public final class DeploymentValidator {
    /** Largest document accepted, in bytes. */
    public static final int MAX_BYTES = YamlBody.MAX_BYTES;

    static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*(/\\*)?$");
    /** Longest {@code metadata.name} and component name, in characters (the store's name columns hold this). */
    public static final int MAX_NAME_LENGTH = 255;
    private static final Pattern APPLICATION_ID = Pattern.compile("^[-a-z0-9]{1,200}$");
    private static final Pattern REPOSITORY = Pattern.compile("^oci://.+");
    private static final Pattern REVISION = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:_([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    private static final Pattern TIMEOUT = Pattern.compile("^\\d+m\\d+s$");
    private static final List<String> PROFILE_TYPES = List.of("helm", "compose", "custom");

    private DeploymentValidator() {
    }

    /**
     * Validates an ApplicationDeployment.
     *
     * @param yaml the document as stored and served
     * @return its facts, holding exactly {@code yaml}
     * @throws ProblemException {@code INVALID_REQUEST} when the bytes are not one acceptable YAML mapping;
     *                          {@code SEMANTIC_ERROR} listing every broken rule otherwise
     */
    public static ValidatedDeployment validate(byte[] yaml) {
        Map<String, Object> root = YamlBody.parseMapping(yaml);
        Violations v = new Violations();
        Optional<String> id = v.member(root, "", "id", true).flatMap(i -> v.matching(i, "id", UUID_TEXT));
        Optional<Map<String, Object>> metadata = v.member(root, "", "metadata", true)
                .flatMap(m -> v.object(m, "metadata"));
        Optional<String> name = metadata.flatMap(m -> v.member(m, "metadata", "name", true))
                .flatMap(n -> v.nonBlank(n, "metadata.name"))
                .flatMap(n -> v.atMost(n, "metadata.name", MAX_NAME_LENGTH));
        metadata.flatMap(m -> v.member(m, "metadata", "namespace", true))
                .ifPresent(n -> v.nonBlank(n, "metadata.namespace"));
        Optional<String> deviceId = metadata.flatMap(m -> v.member(m, "metadata", "deviceId", true))
                .flatMap(d -> v.matching(d, "metadata.deviceId", DEVICE_ID))
                .flatMap(d -> v.atMost(d, "metadata.deviceId", DeviceId.MAX_LENGTH));
        metadata.flatMap(m -> v.member(m, "metadata", "labels", false))
                .flatMap(l -> v.object(l, "metadata.labels"))
                .ifPresent(labels -> labels.forEach((key, value) -> {
                    String path = Violations.path("metadata.labels", key);
                    v.string(value, path);
                }));
        List<String> components = v.member(root, "", "spec", true)
                .flatMap(s -> v.object(s, "spec"))
                .map(s -> spec(s, v))
                .orElse(List.of());
        v.throwIfAny("application deployment");
        return new ValidatedDeployment(id.orElseThrow(), deviceId.orElseThrow(), name.orElseThrow(), components, yaml);
    }

    /**
     * Gives the document a top-level {@code id} when it has none, changing no other byte.
     *
     * <p>The line {@code id: <uuid>} is inserted before the first content line, after any leading blank lines,
     * comments, directives ({@code %YAML}) and a bare {@code ---} marker; it takes the indentation and line ending of
     * the document. The rest of the document is not validated here: call {@link #validate} on the result.
     *
     * @param yaml an ApplicationDeployment document
     * @param id   the id to add
     * @return {@code yaml} itself when it has a top-level {@code id}, otherwise a new array
     * @throws ProblemException {@code INVALID_REQUEST} when the document cannot be parsed, or when its layout (for
     *                          example a flow mapping at the root) does not allow inserting a line
     */
    public static byte[] withIdIfMissing(byte[] yaml, UUID id) {
        if (YamlBody.parseMapping(yaml).containsKey("id")) {
            return yaml;
        }
        return IdLine.insert(yaml, id);
    }

    /** Checks {@code spec}; answers the component names found, in order. */
    private static List<String> spec(Map<String, Object> spec, Violations v) {
        v.onlyKnownMembers(spec, "spec", Set.of("applicationId", "deploymentProfile", "parameters"), Set.of());
        v.member(spec, "spec", "applicationId", true).ifPresent(a -> v.matching(a, "spec.applicationId", APPLICATION_ID));
        List<String> names = v.member(spec, "spec", "deploymentProfile", true)
                .flatMap(p -> v.object(p, "spec.deploymentProfile"))
                .map(p -> profile(p, v))
                .orElse(List.of());
        v.member(spec, "spec", "parameters", false)
                .flatMap(p -> v.object(p, "spec.parameters"))
                .ifPresent(p -> Parameters.check(p, Set.copyOf(names), v));
        return names;
    }

    private static List<String> profile(Map<String, Object> profile, Violations v) {
        String path = "spec.deploymentProfile";
        v.onlyKnownMembers(profile, path, Set.of("type", "components", "deviceConstraints"), Set.of());
        v.member(profile, path, "type", true).ifPresent(t -> v.oneOf(t, path + ".type", PROFILE_TYPES));
        v.member(profile, path, "deviceConstraints", false)
                .flatMap(c -> v.object(c, path + ".deviceConstraints"))
                .ifPresent(c -> Constraints.check(c, path + ".deviceConstraints", v));
        return v.member(profile, path, "components", true)
                .flatMap(c -> v.array(c, path + ".components", true))
                .map(c -> components(c, path + ".components", v))
                .orElse(List.of());
    }

    private static List<String> components(List<Object> items, String arrayPath, Violations v) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(items.get(i), path).ifPresent(component -> {
                v.onlyKnownMembers(component, path, Set.of("name", "properties"), Set.of());
                v.member(component, path, "name", true).flatMap(n -> v.nonBlank(n, path + ".name"))
                        .flatMap(n -> v.atMost(n, path + ".name", MAX_NAME_LENGTH)).ifPresent(n -> {
                    if (seen.add(n)) {
                        names.add(n);
                    } else {
                        v.add(path + ".name", "must be unique; another component has this name");
                    }
                });
                v.member(component, path, "properties", true)
                        .flatMap(p -> v.object(p, path + ".properties"))
                        .ifPresent(p -> componentProperties(p, path + ".properties", v));
            });
        }
        return names;
    }

    private static void componentProperties(Map<String, Object> properties, String path, Violations v) {
        v.member(properties, path, "repository", true).ifPresent(r -> v.matching(r, path + ".repository", REPOSITORY));
        v.member(properties, path, "revision", true).ifPresent(r -> v.matching(r, path + ".revision", REVISION));
        v.member(properties, path, "wait", false).ifPresent(w -> v.bool(w, path + ".wait"));
        v.member(properties, path, "timeout", false).ifPresent(t -> v.matching(t, path + ".timeout", TIMEOUT));
    }
}
