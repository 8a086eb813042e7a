package org.openmargo.wfm.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openmargo.wfm.device.DeviceId;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Which devices a fleet deployment targets: the devices of the explicitly named clients, the explicitly named devices
 * (by rc.3 device id, whichever client reports them), and every device whose labels
 * match a Kubernetes-style label selector ({@code matchLabels} and {@code matchExpressions} with {@code In},
 * {@code NotIn}, {@code Exists}, {@code DoesNotExist}, all ANDed). A device is targeted when its client is named OR
 * its device id is named OR the label part matches; a label part with no terms matches nothing (never "everything"),
 * so a selector must name at least one client, one device or one term. Labels are the union described in {@link DeviceLabels}. Immutable.
 *
 * @param clientIds   explicitly targeted client ids
 * @param matchLabels label name to required value
 * @param expressions further requirements
 * @param deviceIds   explicitly targeted device ids
 */
public record Selector(Set<String> clientIds, Map<String, String> matchLabels, List<Requirement> expressions,
                       Set<String> deviceIds) {
    private static final Pattern CLIENT = Pattern.compile("^[A-Za-z0-9._~-]{1,200}$");
    private static final int MAX_TERMS = 64;
    private static final int MAX_IDS = 10_000;

    public Selector {
        clientIds = Set.copyOf(new TreeSet<>(clientIds));
        matchLabels = Map.copyOf(new TreeMap<>(matchLabels));
        expressions = List.copyOf(expressions);
        deviceIds = Set.copyOf(new TreeSet<>(deviceIds));
    }

    /** A selector that names no device ids. */
    public Selector(Set<String> clientIds, Map<String, String> matchLabels, List<Requirement> expressions) {
        this(clientIds, matchLabels, expressions, Set.of());
    }

    /** The operators of {@code matchExpressions}. */
    public enum Operator { In, NotIn, Exists, DoesNotExist }

    /**
     * One {@code matchExpressions} term.
     *
     * @param key      label name
     * @param operator how the label is tested
     * @param values   for {@code In}/{@code NotIn}, at least one value; empty otherwise
     */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case In -> value != null && values.contains(value);
                case NotIn -> value == null || !values.contains(value);
                case Exists -> value != null;
                case DoesNotExist -> value == null;
            };
        }
    }

    /**
     * Whether a device of {@code clientId} with these (merged) labels is targeted, not knowing the device's id: the
     * device-id part of the selector never matches here. Use {@link #matches(String, String, Map)} for a device.
     */
    public boolean matches(String clientId, Map<String, String> labels) {
        return matches(clientId, null, labels);
    }

    /** Whether device {@code deviceId} (null: unknown) of {@code clientId} with these (merged) labels is targeted. */
    public boolean matches(String clientId, String deviceId, Map<String, String> labels) {
        if (clientIds.contains(clientId) || deviceId != null && deviceIds.contains(deviceId)) {
            return true;
        }
        if (matchLabels.isEmpty() && expressions.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return expressions.stream().allMatch(r -> r.matches(labels));
    }

    /**
     * Reads a selector: {@code {"clients": [...], "matchLabels": {...}, "matchExpressions": [{"key", "operator",
     * "values"}]}}.
     *
     * @param path the field path of {@code json}, for error messages
     * @throws ProblemException {@code SEMANTIC_ERROR} naming every field at fault
     */
    public static Selector parse(JsonValue json, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (!(json instanceof JsonObject o)) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the selector is invalid",
                    List.of(new FieldError(path, "must be an object")));
        }
        for (String name : o.keySet()) {
            if (!Set.of("clients", "devices", "matchLabels", "matchExpressions").contains(name)) {
                errors.add(new FieldError(path + "." + name, "unknown member"));
            }
        }
        Set<String> clients = new TreeSet<>();
        JsonValue c = o.getOrDefault("clients", JsonValue.EMPTY_JSON_ARRAY);
        if (c instanceof jakarta.json.JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof JsonString s && CLIENT.matcher(s.getString()).matches()) {
                    clients.add(s.getString());
                } else {
                    errors.add(new FieldError(path + ".clients[" + i + "]", "must be a client id"));
                }
            }
        } else {
            errors.add(new FieldError(path + ".clients", "must be an array of client ids"));
        }
        Set<String> devices = new TreeSet<>();
        JsonValue d = o.getOrDefault("devices", JsonValue.EMPTY_JSON_ARRAY);
        if (d instanceof jakarta.json.JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof JsonString s && DeviceId.isValid(s.getString())) {
                    devices.add(s.getString());
                } else {
                    errors.add(new FieldError(path + ".devices[" + i + "]", "must be a device id (rc.3 DeviceId, "
                            + "at most " + DeviceId.MAX_LENGTH + " characters)"));
                }
            }
        } else {
            errors.add(new FieldError(path + ".devices", "must be an array of device ids"));
        }
        if (clients.size() + devices.size() > MAX_IDS) {
            errors.add(new FieldError(path, "at most " + MAX_IDS + " client and device ids"));
        }
        Map<String, String> labels = new TreeMap<>();
        JsonValue l = o.getOrDefault("matchLabels", JsonValue.EMPTY_JSON_OBJECT);
        if (l instanceof JsonObject lo) {
            lo.forEach((k, v) -> {
                if (k.isEmpty() || !(v instanceof JsonString s)) {
                    errors.add(new FieldError(path + ".matchLabels." + k, "must be a non-empty name with a string"));
                } else {
                    labels.put(k, s.getString());
                }
            });
        } else {
            errors.add(new FieldError(path + ".matchLabels", "must be an object of strings"));
        }
        List<Requirement> expressions = expressions(o.getOrDefault("matchExpressions", JsonValue.EMPTY_JSON_ARRAY),
                path + ".matchExpressions", errors);
        if (errors.isEmpty() && clients.isEmpty() && devices.isEmpty() && labels.isEmpty() && expressions.isEmpty()) {
            errors.add(new FieldError(path, "must name at least one client, one device or one label term"));
        }
        if (labels.size() + expressions.size() > MAX_TERMS) {
            errors.add(new FieldError(path, "at most " + MAX_TERMS + " label terms"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the selector is invalid", errors);
        }
        return new Selector(clients, labels, expressions, devices);
    }

    private static List<Requirement> expressions(JsonValue json, String path, List<FieldError> errors) {
        List<Requirement> out = new ArrayList<>();
        if (!(json instanceof jakarta.json.JsonArray a)) {
            errors.add(new FieldError(path, "must be an array"));
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(a.get(i) instanceof JsonObject e)) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            String key = e.get("key") instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
            if (key == null) {
                errors.add(new FieldError(at + ".key", "must be a non-empty string"));
            }
            Operator op = null;
            if (e.get("operator") instanceof JsonString s) {
                try {
                    op = Operator.valueOf(s.getString());
                } catch (IllegalArgumentException ignored) {
                    // reported below
                }
            }
            if (op == null) {
                errors.add(new FieldError(at + ".operator", "must be In, NotIn, Exists or DoesNotExist"));
            }
            List<String> values = new ArrayList<>();
            JsonValue v = e.getOrDefault("values", JsonValue.EMPTY_JSON_ARRAY);
            if (v instanceof jakarta.json.JsonArray va && va.stream().allMatch(x -> x instanceof JsonString)) {
                va.forEach(x -> values.add(((JsonString) x).getString()));
            } else {
                errors.add(new FieldError(at + ".values", "must be an array of strings"));
            }
            boolean needsValues = op == Operator.In || op == Operator.NotIn;
            if (op != null && needsValues && values.isEmpty()) {
                errors.add(new FieldError(at + ".values", op + " needs at least one value"));
            }
            if (op != null && !needsValues && !values.isEmpty()) {
                errors.add(new FieldError(at + ".values", op + " takes no values"));
            }
            if (key != null && op != null) {
                out.add(new Requirement(key, op, values));
            }
        }
        return out;
    }

    /** The JSON form {@link #parse} reads. */
    public JsonObject toJson() {
        JsonArrayBuilder clients = Json.createArrayBuilder();
        clientIds.stream().sorted().forEach(clients::add);
        JsonArrayBuilder devices = Json.createArrayBuilder();
        deviceIds.stream().sorted().forEach(devices::add);
        JsonObjectBuilder labels = Json.createObjectBuilder();
        new TreeMap<>(matchLabels).forEach(labels::add);
        JsonArrayBuilder exprs = Json.createArrayBuilder();
        for (Requirement r : expressions) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            r.values().forEach(values::add);
            exprs.add(Json.createObjectBuilder().add("key", r.key()).add("operator", r.operator().name())
                    .add("values", values));
        }
        return Json.createObjectBuilder().add("clients", clients).add("devices", devices).add("matchLabels", labels)
                .add("matchExpressions", exprs).build();
    }
}
