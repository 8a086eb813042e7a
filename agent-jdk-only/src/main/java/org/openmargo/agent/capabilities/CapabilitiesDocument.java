package org.openmargo.agent.capabilities;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.AgentConfig.Peripheral;

/**
 * Writes the rc.3 {@code DeviceCapabilitiesManifest} (digest e) as JSON text for
 * {@code PUT /api/v1/capabilities/{deviceId}}. The output is deterministic: fixed member order, labels sorted by name,
 * no whitespace, so an unchanged host and configuration give identical bytes and the agent re-sends only when the
 * bytes change. Memory is written in whole {@code Mi} and storage in whole {@code Gi}, rounded down, without a space
 * (digest i.20); unknown values and an unknown architecture are omitted; labels are omitted when there are none.
 * No {@code apiVersion} or {@code kind}: rc.3 forbids them. Stateless and thread-safe.
 */
public final class CapabilitiesDocument {
    private static final long MI = 1024L * 1024;
    private static final long GI = MI * 1024;

    private CapabilitiesDocument() {
    }

    /** The manifest for a hosting device with these facts and configured device fields. */
    public static String build(HostFacts facts, AgentConfig.Device device) {
        StringBuilder json = new StringBuilder(512).append("{\"properties\":{");
        member(json, "id", device.id()).append(',');
        member(json, "vendor", device.vendor()).append(',');
        member(json, "modelNumber", device.model()).append(',');
        member(json, "serialNumber", device.serial()).append(',');
        cpus(json, facts);
        facts.memoryBytes().ifPresent(bytes -> member(json.append(','), "memory", bytes / MI + "Mi"));
        facts.storageBytes().ifPresent(bytes -> member(json.append(','), "storage", bytes / GI + "Gi"));
        peripherals(json.append(','), device.peripherals());
        json.append(",\"interfaces\":[");
        for (int i = 0; i < facts.interfaces().size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":");
            string(json, facts.interfaces().get(i)).append('}');
        }
        json.append("],\"otelCollector\":").append(device.otelCollector());
        strings(json.append(','), "supportedRuntimes", device.supportedRuntimes());
        strings(json.append(','), "supportedDeploymentTypes", device.supportedDeploymentTypes());
        json.append('}');
        labels(json, device.labels());
        return json.append('}').toString();
    }

    private static void cpus(StringBuilder json, HostFacts facts) {
        // One entry: the host is one placement unit (digest e: never sum cores across entries).
        json.append("\"cpus\":[{\"cores\":").append(facts.cores());
        facts.architecture().ifPresent(architecture -> member(json.append(','), "architecture", architecture));
        json.append("}]");
    }

    private static void peripherals(StringBuilder json, List<Peripheral> peripherals) {
        json.append("\"peripherals\":[");
        for (int i = 0; i < peripherals.size(); i++) {
            Peripheral peripheral = peripherals.get(i);
            member(json.append(i == 0 ? "{" : ",{"), "type", peripheral.type());
            optionalMember(json, "manufacturer", peripheral.manufacturer());
            optionalMember(json, "model", peripheral.model());
            json.append('}');
        }
        json.append(']');
    }

    private static void labels(StringBuilder json, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        json.append(",\"labels\":{");
        String separator = "";
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            member(json.append(separator), label.getKey(), label.getValue());
            separator = ",";
        }
        json.append('}');
    }

    private static void optionalMember(StringBuilder json, String name, Optional<String> value) {
        value.ifPresent(text -> member(json.append(','), name, text));
    }

    private static void strings(StringBuilder json, String name, List<String> values) {
        string(json, name).append(":[");
        for (int i = 0; i < values.size(); i++) {
            string(json.append(i == 0 ? "" : ","), values.get(i));
        }
        json.append(']');
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        return string(string(json, name).append(':'), value);
    }

    /** A JSON string (RFC 8259 section 7): quote, backslash and control characters escaped. */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
