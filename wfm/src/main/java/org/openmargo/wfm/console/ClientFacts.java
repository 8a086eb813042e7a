package org.openmargo.wfm.console;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What the console shows of one client of {@code GET /operator/v1/clients}: last seen, whether that is stale,
 * devices with a capabilities summary and labels, and the deployment states.
 *
 * <p>"Last seen" is the latest of the client's last State Manifest poll ({@code lastPoll}: known when it polled the
 * WFM instance that answers the operator API since that instance started; the fleet's in-memory presence, so a
 * poll, above all a 304, costs no write), the devices' capability reports and the deployments' status reports. An
 * idle healthy client keeps polling, so it does not look stale; a client with none of these looks stale.
 * {@code polled} says that the time shown is a poll.
 */
final class ClientFacts {
    private ClientFacts() {
    }

    static Map<String, Object> of(JsonObject client, Instant now, Duration staleAfter) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("clientId", JsonView.text(client, "clientId", ""));
        row.put("standing", JsonView.text(client, "standing", ""));
        row.put("manifestVersion", JsonView.text(client, "manifestVersion", ""));
        Optional<Instant> lastSeen = lastSeen(client);
        row.put("lastSeen", lastSeen.map(Instant::toString).orElse("never"));
        row.put("polled", lastSeen.isPresent() && lastSeen.equals(instant(JsonView.text(client, "lastPoll", ""))));
        row.put("stale", lastSeen.map(t -> t.plus(staleAfter).isBefore(now)).orElse(true));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (JsonObject d : JsonView.objects(client, "devices")) {
            devices.add(device(d));
        }
        row.put("devices", devices);
        row.put("deviceCount", devices.size());
        Map<String, Integer> states = new TreeMap<>();
        for (JsonObject dep : JsonView.objects(client, "deployments")) {
            if (!dep.containsKey("removedInVersion")) {
                states.merge(state(dep), 1, Integer::sum);
            }
        }
        List<Map<String, Object>> stateList = new ArrayList<>();
        states.forEach((state, count) -> stateList.add(Map.of("state", state, "count", count,
                "bad", state.equals("failed"))));
        row.put("states", stateList);
        return row;
    }

    static String state(JsonObject deployment) {
        JsonValue status = deployment.get("status");
        return status instanceof JsonObject s ? JsonView.text(s, "state", "unknown") : "no report yet";
    }

    private static Map<String, Object> device(JsonObject d) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("deviceId", JsonView.text(d, "deviceId", ""));
        device.put("updatedAt", JsonView.text(d, "updatedAt", ""));
        JsonObject caps = d.get("capabilities") instanceof JsonObject c ? c : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject props = caps.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        // rc.3 reports cpus[] and memory/storage in properties; older examples nest them under resources.
        JsonObject resources = props.get("resources") instanceof JsonObject r ? r : props;
        JsonObject cpu = JsonView.objects(props, "cpus").stream().findFirst()
                .orElse(resources.get("cpu") instanceof JsonObject c ? c : JsonValue.EMPTY_JSON_OBJECT);
        device.put("architecture", JsonView.text(cpu, "architecture", "—"));
        device.put("cores", JsonView.text(cpu, "cores", "—"));
        device.put("memory", JsonView.text(props.containsKey("memory") ? props : resources, "memory", "—"));
        device.put("storage", JsonView.text(props.containsKey("storage") ? props : resources, "storage", "—"));
        device.put("vendor", JsonView.text(props, "vendor", "—"));
        device.put("model", JsonView.text(props, "modelNumber", "—"));
        device.put("serial", JsonView.text(props, "serialNumber", "—"));
        JsonObject hosting = d.get("hosting") instanceof JsonObject h ? h : JsonValue.EMPTY_JSON_OBJECT;
        device.put("runtimes", String.join(", ", strings(hosting, "supportedRuntimes")));
        device.put("deploymentTypes", String.join(", ", strings(hosting, "supportedDeploymentTypes")));
        List<Map<String, Object>> labels = new ArrayList<>();
        if (caps.get("labels") instanceof JsonObject l) {
            l.forEach((k, v) -> labels.add(Map.of("name", k, "value",
                    v.getValueType() == JsonValue.ValueType.STRING ? JsonView.text(l, k, "") : v.toString())));
        }
        device.put("labels", labels);
        device.put("capabilities", caps.toString());
        return device;
    }

    private static List<String> strings(JsonObject o, String member) {
        return o.get(member) instanceof jakarta.json.JsonArray a
                ? a.stream().map(v -> v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()).toList()
                : List.of();
    }

    private static Optional<Instant> lastSeen(JsonObject client) {
        List<String> times = new ArrayList<>();
        times.add(JsonView.text(client, "lastPoll", ""));
        JsonView.objects(client, "devices").forEach(d -> times.add(JsonView.text(d, "updatedAt", "")));
        JsonView.objects(client, "deployments").forEach(d -> {
            if (d.get("status") instanceof JsonObject s) {
                times.add(JsonView.text(s, "receivedAt", ""));
            }
        });
        return times.stream().flatMap(t -> instant(t).stream()).max(Instant::compareTo);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
