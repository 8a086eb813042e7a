package org.openmargo.wfm.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openmargo.wfm.desiredstate.Constraints;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.YamlBody;
import org.openmargo.wfm.json.Violations;
import org.openmargo.wfm.problem.ProblemException;

/**
 * Reads and validates an ApplicationDescription YAML (Margo rc.3 f.2, the latest form with top-level {@code id} and
 * {@code deviceConstraints}).
 *
 * <p>The YAML is read by the same hardened reader as deployments ({@link YamlBody}: size, depth, alias and node
 * limits, no duplicate keys, UTF-8 only, YAML 1.2 core schema). Every broken rule is reported at once, each with the
 * path of its field ({@code deploymentProfiles[1].components[0].properties.revision}).
 *
 * <p>Decisions where the spec is silent:
 * <ul>
 *   <li>The root, each profile and each component are closed except for {@code x-…-extensions} (as the deployment's
 *       objects are); {@code metadata}, {@code catalog} and component {@code properties} are open.</li>
 *   <li>{@code metadata.version} must match {@code ^[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}$}: the WFM uses it in URL
 *       paths and command lines. {@code metadata.name} is at most 255 characters.</li>
 *   <li>Component names are lower-case letters, digits and inner dashes (a Helm chart name), unique in their profile.
 *       </li>
 *   <li>Every parameter needs at least one target; a parameter's {@code value} (the default) must meet its setting's
 *       schema, so that a description cannot ship a default it would refuse from an operator.</li>
 *   <li>A parameter has at most one setting; settings and schemas are matched by exact name.</li>
 *   <li>The older {@code requiredResources} profile member is accepted (cpu, memory, storage, peripherals,
 *       interfaces) and used for WFM-side eligibility; it is never rendered into deployments (rc.3 has no place for
 *       it). A profile may not have both it and {@code deviceConstraints}.</li>
 * </ul>
 * Stateless and thread safe.
 */
final class DescriptionReader {
    static final Pattern APP_ID = Pattern.compile("^[a-z0-9-]{1,200}$");
    static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}$");
    static final Pattern COMPONENT_NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    static final int MAX_NAME_LENGTH = DeploymentValidator.MAX_NAME_LENGTH;
    private static final Pattern REPOSITORY = Pattern.compile("^oci://.+");
    private static final Pattern REVISION = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:_([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    private static final Pattern TIMEOUT = Pattern.compile("^\\d+m\\d+s$");
    private static final List<String> PROFILE_TYPES = List.of("helm", "compose", "custom");
    private static final Set<String> ROOT = Set.of("apiVersion", "kind", "id", "metadata", "deploymentProfiles",
            "parameters", "configuration");
    private static final Set<String> PROFILE = Set.of("type", "id", "description", "components", "deviceConstraints",
            "requiredResources");

    private DescriptionReader() {
    }

    /**
     * Reads a description.
     *
     * @throws ProblemException {@code INVALID_REQUEST} when the bytes are not one acceptable YAML mapping;
     *                          {@code SEMANTIC_ERROR} listing every broken rule otherwise
     */
    static Description read(byte[] yaml) {
        Map<String, Object> root = YamlBody.parseMapping(yaml);
        Violations v = new Violations();
        v.onlyKnownMembers(root, "", ROOT, Set.of());
        v.member(root, "", "apiVersion", true).ifPresent(a -> v.nonBlank(a, "apiVersion"));
        v.member(root, "", "kind", true).ifPresent(k -> v.oneOf(k, "kind", List.of("ApplicationDescription")));
        Optional<String> id = v.member(root, "", "id", true).flatMap(i -> v.matching(i, "id", APP_ID));
        Optional<Map<String, Object>> metadata = v.member(root, "", "metadata", true)
                .flatMap(m -> v.object(m, "metadata"));
        Optional<String> name = metadata.flatMap(m -> v.member(m, "metadata", "name", true))
                .flatMap(n -> v.nonBlank(n, "metadata.name"))
                .flatMap(n -> v.atMost(n, "metadata.name", MAX_NAME_LENGTH));
        Optional<String> version = metadata.flatMap(m -> v.member(m, "metadata", "version", true))
                .flatMap(n -> v.matching(n, "metadata.version", VERSION));
        metadata.ifPresent(m -> metadata(m, v));
        List<Description.Profile> profiles = v.member(root, "", "deploymentProfiles", true)
                .flatMap(p -> v.array(p, "deploymentProfiles", true))
                .map(p -> profiles(p, v))
                .orElse(List.of());
        Set<String> components = new HashSet<>();
        profiles.forEach(p -> components.addAll(p.componentNames()));
        Map<String, Description.Parameter> parameters = v.member(root, "", "parameters", false)
                .flatMap(p -> v.object(p, "parameters"))
                .map(p -> ParameterReader.parameters(p, components, v))
                .orElse(Map.of());
        Map<String, Description.Setting> settings = v.member(root, "", "configuration", false)
                .flatMap(c -> v.object(c, "configuration"))
                .map(c -> ParameterReader.configuration(c, parameters, v))
                .orElse(Map.of());
        ParameterReader.defaults(parameters, settings, v);
        v.throwIfAny("application description");
        return new Description(new AppVersion(id.orElseThrow(), version.orElseThrow()), name.orElseThrow(), profiles,
                parameters, settings, root);
    }

    private static void metadata(Map<String, Object> metadata, Violations v) {
        v.member(metadata, "metadata", "description", false).ifPresent(d -> v.string(d, "metadata.description"));
        v.member(metadata, "metadata", "catalog", true).flatMap(c -> v.object(c, "metadata.catalog")).ifPresent(c -> {
            String path = "metadata.catalog";
            v.member(c, path, "application", false).flatMap(a -> v.object(a, path + ".application")).ifPresent(a -> {
                for (String member : List.of("descriptionFile", "icon", "licenseFile", "releaseNotes", "site",
                        "tagline")) {
                    v.member(a, path + ".application", member, false)
                            .ifPresent(s -> v.string(s, path + ".application." + member));
                }
                v.member(a, path + ".application", "tags", false)
                        .flatMap(t -> v.array(t, path + ".application.tags", false))
                        .ifPresent(tags -> strings(tags, path + ".application.tags", v));
            });
            v.member(c, path, "author", false).flatMap(a -> v.array(a, path + ".author", false))
                    .ifPresent(authors -> people(authors, path + ".author", false, v));
            v.member(c, path, "organization", true).flatMap(o -> v.array(o, path + ".organization", true))
                    .ifPresent(orgs -> people(orgs, path + ".organization", true, v));
        });
    }

    /** Authors ({@code name}, {@code email}) or organizations ({@code name} required, {@code site}). */
    private static void people(List<Object> items, String arrayPath, boolean organization, Violations v) {
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(items.get(i), path).ifPresent(item -> {
                v.member(item, path, "name", organization).ifPresent(n -> v.nonBlank(n, path + ".name"));
                String other = organization ? "site" : "email";
                v.member(item, path, other, false).ifPresent(o -> v.string(o, path + "." + other));
            });
        }
    }

    private static List<Description.Profile> profiles(List<Object> items, Violations v) {
        List<Description.Profile> profiles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path("deploymentProfiles", i);
            v.object(items.get(i), path).flatMap(p -> profile(p, path, v)).ifPresent(p -> {
                if (ids.add(p.id())) {
                    profiles.add(p);
                } else {
                    v.add(path + ".id", "must be unique; another profile has the id " + p.id());
                }
            });
        }
        return profiles;
    }

    private static Optional<Description.Profile> profile(Map<String, Object> p, String path, Violations v) {
        v.onlyKnownMembers(p, path, PROFILE, Set.of());
        Optional<String> type = v.member(p, path, "type", true).flatMap(t -> v.oneOf(t, path + ".type", PROFILE_TYPES));
        Optional<String> id = v.member(p, path, "id", true).flatMap(i -> v.nonBlank(i, path + ".id"))
                .flatMap(i -> v.atMost(i, path + ".id", MAX_NAME_LENGTH));
        v.member(p, path, "description", false).ifPresent(d -> v.string(d, path + ".description"));
        Optional<List<Object>> components = v.member(p, path, "components", true)
                .flatMap(c -> v.array(c, path + ".components", true));
        List<String> names = components.map(c -> components(c, path + ".components", v)).orElse(List.of());
        Optional<Map<String, Object>> constraints = v.member(p, path, "deviceConstraints", false)
                .flatMap(c -> v.object(c, path + ".deviceConstraints"));
        constraints.ifPresent(c -> Constraints.check(c, path + ".deviceConstraints", v));
        Optional<Map<String, Object>> resources = v.member(p, path, "requiredResources", false)
                .flatMap(r -> v.object(r, path + ".requiredResources"));
        resources.ifPresent(r -> RequiredResources.check(r, path + ".requiredResources", v));
        if (constraints.isPresent() && resources.isPresent()) {
            v.add(path + ".requiredResources", "is the older form of deviceConstraints; give one of them, not both");
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        p.forEach((key, value) -> {
            if (Violations.EXTENSION_NAME.matcher(key).matches()) {
                extensions.put(key, value);
            }
        });
        if (type.isEmpty() || id.isEmpty() || components.isEmpty() || names.size() != components.get().size()) {
            return Optional.empty();
        }
        return Optional.of(new Description.Profile(id.get(), type.get(), components.get(), names, constraints,
                resources, extensions));
    }

    /** Checks the components; answers the names of those whose name is valid and unique. */
    private static List<String> components(List<Object> items, String arrayPath, Violations v) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(items.get(i), path).ifPresent(component -> {
                v.onlyKnownMembers(component, path, Set.of("name", "properties"), Set.of());
                v.member(component, path, "name", true)
                        .flatMap(n -> v.matching(n, path + ".name", COMPONENT_NAME))
                        .flatMap(n -> v.atMost(n, path + ".name", MAX_NAME_LENGTH))
                        .ifPresent(n -> {
                            if (names.contains(n)) {
                                v.add(path + ".name", "must be unique in its profile");
                            } else {
                                names.add(n);
                            }
                        });
                v.member(component, path, "properties", true)
                        .flatMap(p -> v.object(p, path + ".properties"))
                        .ifPresent(p -> properties(p, path + ".properties", v));
            });
        }
        return names;
    }

    private static void properties(Map<String, Object> properties, String path, Violations v) {
        v.member(properties, path, "repository", true).ifPresent(r -> v.matching(r, path + ".repository", REPOSITORY));
        v.member(properties, path, "revision", true).ifPresent(r -> v.matching(r, path + ".revision", REVISION));
        v.member(properties, path, "wait", false).ifPresent(w -> v.bool(w, path + ".wait"));
        v.member(properties, path, "timeout", false).ifPresent(t -> v.matching(t, path + ".timeout", TIMEOUT));
    }

    static void strings(List<Object> items, String arrayPath, Violations v) {
        for (int i = 0; i < items.size(); i++) {
            v.string(items.get(i), Violations.path(arrayPath, i));
        }
    }
}
