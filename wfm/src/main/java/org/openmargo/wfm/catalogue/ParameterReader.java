package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openmargo.wfm.json.Violations;

/**
 * A description's {@code parameters} and {@code configuration} (Margo rc.3 f.2): every target names existing
 * components, every setting an existing parameter and an existing schema, and every default meets its schema.
 */
final class ParameterReader {
    private ParameterReader() {
    }

    static Map<String, Description.Parameter> parameters(Map<String, Object> parameters, Set<String> components,
                                                         Violations v) {
        Map<String, Description.Parameter> read = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            String path = Violations.path("parameters", name);
            if (name.isBlank() || name.length() > DescriptionReader.MAX_NAME_LENGTH) {
                v.add(path, "parameter names must be 1 to " + DescriptionReader.MAX_NAME_LENGTH
                        + " characters and not blank");
            }
            v.object(value, path).ifPresent(p -> {
                v.onlyKnownMembers(p, path, Set.of("value", "targets"), Set.of());
                Optional<JsonValue> defaultValue = v.member(p, path, "value", false).flatMap(d -> {
                    // An explicit null arrives as Violations' marker object: neither it nor a map is a value.
                    boolean tree = d instanceof String || d instanceof Boolean || d instanceof Number
                            || d instanceof List<?>;
                    JsonValue json = tree ? JsonTree.json(d) : JsonValue.NULL;
                    if (!JsonTree.parameterShaped(json)) {
                        v.add(path + ".value", "must be a string, number or boolean, or an array of them");
                        return Optional.empty();
                    }
                    return Optional.of(json);
                });
                List<Description.Target> targets = v.member(p, path, "targets", true)
                        .flatMap(t -> v.array(t, path + ".targets", true))
                        .map(t -> targets(t, path + ".targets", components, v))
                        .orElse(List.of());
                read.put(name, new Description.Parameter(name, defaultValue, targets));
            });
        });
        return read;
    }

    private static List<Description.Target> targets(List<Object> items, String arrayPath, Set<String> components,
                                                    Violations v) {
        List<Description.Target> targets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(items.get(i), path).ifPresent(target -> {
                Optional<String> pointer = v.member(target, path, "pointer", true)
                        .flatMap(p -> v.nonBlank(p, path + ".pointer"));
                List<String> names = new ArrayList<>();
                v.member(target, path, "components", true)
                        .flatMap(c -> v.array(c, path + ".components", true))
                        .ifPresent(list -> {
                            for (int j = 0; j < list.size(); j++) {
                                String namePath = Violations.path(path + ".components", j);
                                v.string(list.get(j), namePath).ifPresent(name -> {
                                    if (components.contains(name)) {
                                        names.add(name);
                                    } else {
                                        v.add(namePath, "must name a component of a deployment profile");
                                    }
                                });
                            }
                        });
                pointer.ifPresent(p -> targets.add(new Description.Target(p, names)));
            });
        }
        return targets;
    }

    /** Reads {@code configuration}; answers each parameter's setting. */
    static Map<String, Description.Setting> configuration(Map<String, Object> c, Map<String, Description.Parameter>
            parameters, Violations v) {
        v.onlyKnownMembers(c, "configuration", Set.of("sections", "schema"), Set.of());
        Map<String, ValueSchema> schemas = new HashMap<>();
        Set<String> schemaNames = new HashSet<>();
        v.member(c, "configuration", "schema", true).flatMap(s -> v.array(s, "configuration.schema", false))
                .ifPresent(list -> {
                    for (int i = 0; i < list.size(); i++) {
                        String path = Violations.path("configuration.schema", i);
                        v.object(list.get(i), path).ifPresent(s -> {
                            Optional<String> name = v.member(s, path, "name", true)
                                    .flatMap(n -> v.nonBlank(n, path + ".name"));
                            if (name.isPresent() && !schemaNames.add(name.get())) {
                                v.add(path + ".name", "must be unique; another schema has this name");
                            }
                            Optional<ValueSchema> schema = SchemaReader.read(s, path, v);
                            if (name.isPresent() && schema.isPresent()) {
                                schemas.putIfAbsent(name.get(), schema.get());
                            }
                        });
                    }
                });
        Map<String, Description.Setting> settings = new HashMap<>();
        v.member(c, "configuration", "sections", true).flatMap(s -> v.array(s, "configuration.sections", false))
                .ifPresent(list -> {
                    for (int i = 0; i < list.size(); i++) {
                        String path = Violations.path("configuration.sections", i);
                        v.object(list.get(i), path).ifPresent(section -> {
                            v.member(section, path, "name", true).ifPresent(n -> v.nonBlank(n, path + ".name"));
                            v.member(section, path, "settings", true)
                                    .flatMap(s -> v.array(s, path + ".settings", false))
                                    .ifPresent(s -> settings(s, path + ".settings", parameters, schemaNames, schemas,
                                            settings, v));
                        });
                    }
                });
        return settings;
    }

    private static void settings(List<Object> items, String arrayPath, Map<String, Description.Parameter> parameters,
                                 Set<String> schemaNames, Map<String, ValueSchema> schemas,
                                 Map<String, Description.Setting> settings, Violations v) {
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(items.get(i), path).ifPresent(s -> {
                Optional<String> parameter = v.member(s, path, "parameter", true)
                        .flatMap(p -> v.string(p, path + ".parameter"));
                parameter.filter(p -> !parameters.containsKey(p))
                        .ifPresent(p -> v.add(path + ".parameter", "must name a parameter of the description"));
                parameter.filter(settings::containsKey)
                        .ifPresent(p -> v.add(path + ".parameter", "must be unique; another setting has it"));
                v.member(s, path, "name", true).ifPresent(n -> v.nonBlank(n, path + ".name"));
                v.member(s, path, "description", false).ifPresent(d -> v.string(d, path + ".description"));
                boolean immutable = v.member(s, path, "immutable", false)
                        .flatMap(m -> v.bool(m, path + ".immutable")).orElse(false);
                Optional<String> schema = v.member(s, path, "schema", true)
                        .flatMap(n -> v.string(n, path + ".schema"));
                schema.filter(n -> !schemaNames.contains(n))
                        .ifPresent(n -> v.add(path + ".schema", "must name a schema of configuration.schema"));
                if (parameter.isPresent() && schema.isPresent() && schemas.containsKey(schema.get())
                        && parameters.containsKey(parameter.get()) && !settings.containsKey(parameter.get())) {
                    settings.put(parameter.get(), new Description.Setting(parameter.get(), immutable,
                            schemas.get(schema.get())));
                }
            });
        }
    }

    /** Checks each default against its setting's schema. */
    static void defaults(Map<String, Description.Parameter> parameters, Map<String, Description.Setting> settings,
                         Violations v) {
        parameters.values().forEach(p -> p.defaultValue().ifPresent(value -> {
            Description.Setting setting = settings.get(p.name());
            if (setting != null) {
                setting.schema().check(value, Violations.path(Violations.path("parameters", p.name()), "value"), v);
            }
        }));
    }
}
