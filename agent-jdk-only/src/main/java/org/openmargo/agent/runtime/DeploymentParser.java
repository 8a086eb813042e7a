package org.openmargo.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/** Reads an ApplicationDeployment tree into a {@link DeploymentSpec}, applying the rc.3 rules of digest f.1. */
final class DeploymentParser {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*(/\\*)?");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,9})m(\\d{1,9})s");
    private static final String IDENT = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-" + IDENT + "(?:\\." + IDENT + ")*)?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?");

    private DeploymentParser() {
    }

    static DeploymentSpec parse(JsonObject doc) {
        String id = matching(doc, "id", "", UUID, "a UUID");
        JsonObject metadata = object(doc, "metadata", "");
        String name = nonEmpty(metadata, "name", "metadata.");
        Optional<String> namespace = optionalString(metadata, "namespace", "metadata.");
        String deviceId = matching(metadata, "deviceId", "metadata.", DEVICE_ID, "a device id");
        JsonObject spec = object(doc, "spec", "");
        JsonObject profile = object(spec, "deploymentProfile", "spec.");
        DeploymentSpec.ProfileType type = type(profile);
        List<ComponentSpec> components = components(profile);
        Map<String, DeploymentSpec.Parameter> parameters = parameters(spec, components);
        Optional<JsonObject> constraints = profile.get("deviceConstraints")
                .map(c -> asObject(c, "spec.deploymentProfile.deviceConstraints"));
        return new DeploymentSpec(id, name, namespace, deviceId, type, components, parameters, constraints);
    }

    private static DeploymentSpec.ProfileType type(JsonObject profile) {
        String type = nonEmpty(profile, "type", "spec.deploymentProfile.");
        return switch (type) {
            case "helm", "compose", "custom" -> DeploymentSpec.ProfileType.valueOf(type.toUpperCase(Locale.ROOT));
            default -> throw invalid("spec.deploymentProfile.type", "expected helm, compose or custom", type);
        };
    }

    private static List<ComponentSpec> components(JsonObject profile) {
        String path = "spec.deploymentProfile.components";
        List<JsonValue> items = profile.array("components").map(JsonArray::items)
                .orElseThrow(() -> invalid(path, "expected an array", profile.get("components")));
        if (items.isEmpty()) {
            throw new InvalidDeploymentException(path, "expected at least one component");
        }
        List<ComponentSpec> components = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ComponentSpec component = component(items.get(i), path + "[" + i + "]");
            if (!names.add(component.name())) {
                throw new InvalidDeploymentException(path + "[" + i + "].name", "duplicate name " + component.name());
            }
            components.add(component);
        }
        return components;
    }

    private static ComponentSpec component(JsonValue item, String path) {
        JsonObject c = asObject(item, path);
        String name = nonEmpty(c, "name", path + ".");
        String props = path + ".properties";
        JsonObject p = object(c, "properties", path + ".");
        String repository = nonEmpty(p, "repository", props + ".");
        if (!repository.startsWith("oci://") || repository.length() == "oci://".length()) {
            throw invalid(props + ".repository", "expected oci://…", repository);
        }
        // The YAML carries SemVer build metadata with '_' instead of '+' (digest f.1).
        String revision = nonEmpty(p, "revision", props + ".").replace('_', '+');
        if (!SEMVER.matcher(revision).matches()) {
            throw invalid(props + ".revision", "expected a SemVer 2.0 version", revision);
        }
        return new ComponentSpec(name, repository, revision, wait(p, props + ".wait"), timeout(p, props + ".timeout"));
    }

    private static boolean wait(JsonObject p, String path) {
        // Old examples write wait: "true"; accept the two strings as well (digest i.33).
        return switch (p.get("wait").orElse(new JsonBool(true))) {
            case JsonBool b -> b.value();
            case JsonString s when s.value().equals("true") || s.value().equals("false") -> Boolean.parseBoolean(s.value());
            case JsonValue other -> throw invalid(path, "expected true or false", other);
        };
    }

    private static Duration timeout(JsonObject p, String path) {
        Optional<JsonValue> value = p.get("timeout");
        if (value.isEmpty()) {
            return ComponentSpec.DEFAULT_TIMEOUT;
        }
        Matcher m = value.get() instanceof JsonString s ? TIMEOUT.matcher(s.value()) : null;
        if (m == null || !m.matches()) {
            throw invalid(path, "expected <minutes>m<seconds>s", value.get());
        }
        return Duration.ofMinutes(Long.parseLong(m.group(1))).plusSeconds(Long.parseLong(m.group(2)));
    }

    private static Map<String, DeploymentSpec.Parameter> parameters(JsonObject spec, List<ComponentSpec> components) {
        Map<String, DeploymentSpec.Parameter> parameters = new LinkedHashMap<>();
        Optional<JsonValue> member = spec.get("parameters");
        if (member.isEmpty()) {
            return parameters;
        }
        Set<String> names = new HashSet<>();
        components.forEach(c -> names.add(c.name()));
        Set<String> used = new HashSet<>();
        asObject(member.get(), "spec.parameters").members().forEach((name, value) -> parameters.put(name,
                parameter(asObject(value, "spec.parameters." + name), "spec.parameters." + name, names, used)));
        return parameters;
    }

    private static DeploymentSpec.Parameter parameter(JsonObject p, String path, Set<String> components,
            Set<String> used) {
        JsonValue value = p.get("value").orElseThrow(() -> invalid(path + ".value", "expected a value", null));
        List<DeploymentSpec.Target> targets = new ArrayList<>();
        List<JsonValue> items = p.array("targets").map(JsonArray::items)
                .orElseThrow(() -> invalid(path + ".targets", "expected an array", p.get("targets")));
        for (int i = 0; i < items.size(); i++) {
            String at = path + ".targets[" + i + "]";
            JsonObject t = asObject(items.get(i), at);
            String pointer = nonEmpty(t, "pointer", at + ".");
            List<String> names = strings(t, "components", at + ".components");
            for (String name : names) {
                if (!components.contains(name)) {
                    throw invalid(at + ".components", "expected a component of this deployment", name);
                }
                if (!used.add(name + "\u0000" + pointer)) {
                    throw invalid(at + ".pointer", "expected one value per pointer of " + name, pointer);
                }
            }
            targets.add(new DeploymentSpec.Target(pointer, names));
        }
        return new DeploymentSpec.Parameter(value, targets);
    }

    private static List<String> strings(JsonObject o, String key, String path) {
        List<String> strings = new ArrayList<>();
        for (JsonValue v : o.array(key).map(JsonArray::items).orElseThrow(() -> invalid(path, "expected an array",
                o.get(key)))) {
            strings.add(v instanceof JsonString s ? s.value() : throwInvalid(path, "expected strings", v));
        }
        return strings;
    }

    private static String matching(JsonObject o, String key, String prefix, Pattern pattern, String what) {
        String value = nonEmpty(o, key, prefix);
        if (!pattern.matcher(value).matches()) {
            throw invalid(prefix + key, "expected " + what, value);
        }
        return value;
    }

    private static String nonEmpty(JsonObject o, String key, String prefix) {
        String value = o.string(key).orElseThrow(() -> invalid(prefix + key, "expected a string", o.get(key)));
        if (value.isEmpty()) {
            throw new InvalidDeploymentException(prefix + key, "expected a non-empty string");
        }
        return value;
    }

    private static Optional<String> optionalString(JsonObject o, String key, String prefix) {
        return o.get(key).isEmpty() ? Optional.empty() : Optional.of(nonEmpty(o, key, prefix));
    }

    private static JsonObject object(JsonObject o, String key, String prefix) {
        return asObject(o.get(key).orElse(null), prefix + key);
    }

    private static JsonObject asObject(JsonValue value, String path) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw invalid(path, "expected an object", value);
    }

    private static String throwInvalid(String path, String expected, Object actual) {
        throw invalid(path, expected, actual);
    }

    private static InvalidDeploymentException invalid(String path, String expected, Object actual) {
        String got = actual == null || actual instanceof Optional<?> o && o.isEmpty() ? "nothing"
                : actual instanceof String s ? '"' + s + '"' : describe(actual);
        return new InvalidDeploymentException(path, expected + " but got " + got);
    }

    private static String describe(Object actual) {
        Object value = actual instanceof Optional<?> o ? o.get() : actual;
        return value instanceof JsonValue json ? org.openmargo.agent.json.Json.write(json) : String.valueOf(value);
    }
}
