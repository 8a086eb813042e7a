package org.openmargo.wfm.device;

import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.json.Violations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The workload-hosting members of capabilities {@code properties} (spec e): a hosting device reports all eight, a
 * see-thru gateway that hosts nothing reports none.
 *
 * <p>Memory and storage are read leniently (digest i #20): an optional space between number and unit, decimals
 * allowed, units {@code Ki} to {@code Ei}. A bare number is rejected: rc.3 speaks of binary units only, and a bare
 * number could mean bytes or mebibytes, which would make placement decisions guesswork.
 *
 * <p>Unknown {@code supportedRuntimes} and {@code supportedDeploymentTypes} values are accepted, because the spec
 * tells the WFM to map them to {@code custom} ({@link HostingSupport} does, when the report is read); unknown CPU
 * architectures, peripheral and interface types are not. {@code otelCollector: false} is accepted.
 */
final class HostingFields {
    static final List<String> NAMES = List.of("cpus", "memory", "storage", "peripherals", "interfaces",
            "otelCollector", "supportedRuntimes", "supportedDeploymentTypes");
    static final Pattern QUANTITY = Pattern.compile("^\\d+(\\.\\d+)?\\s?(Ki|Mi|Gi|Ti|Pi|Ei)$");

    private static final List<String> ARCHITECTURES = List.of("amd64", "arm64", "arm");
    private static final List<String> PERIPHERALS = List.of("gpu", "display", "camera", "microphone", "speaker");
    private static final List<String> INTERFACES = List.of("ethernet", "wifi", "cellular", "bluetooth", "usb",
            "canbus", "rs232");

    private HostingFields() {
    }

    /** Checks the hosting members; answers whether any is present (the device hosts workloads). */
    static boolean check(Map<String, Object> properties, Violations v) {
        String first = NAMES.stream().filter(properties::containsKey).findFirst().orElse(null);
        if (first == null) {
            return false;
        }
        for (String name : NAMES) {
            if (!properties.containsKey(name)) {
                v.add("properties." + name, "is required for a device that hosts workloads (properties." + first
                        + " is present)");
            }
        }
        member(properties, "cpus", v).flatMap(c -> v.array(c, "properties.cpus", true)).ifPresent(c -> cpus(c, v));
        member(properties, "memory", v).ifPresent(m -> v.matching(m, "properties.memory", QUANTITY));
        member(properties, "storage", v).ifPresent(s -> v.matching(s, "properties.storage", QUANTITY));
        member(properties, "peripherals", v).flatMap(p -> v.array(p, "properties.peripherals", false))
                .ifPresent(p -> typed(p, "properties.peripherals", PERIPHERALS, List.of("manufacturer", "model"), v));
        member(properties, "interfaces", v).flatMap(i -> v.array(i, "properties.interfaces", false))
                .ifPresent(i -> typed(i, "properties.interfaces", INTERFACES, List.of(), v));
        // rc.3 types it as a plain boolean; "a hosting device MUST report true" binds the device, not the WFM.
        member(properties, "otelCollector", v).ifPresent(o -> v.bool(o, "properties.otelCollector"));
        strings(properties, "supportedRuntimes", v);
        strings(properties, "supportedDeploymentTypes", v);
        return true;
    }

    private static Optional<Object> member(Map<String, Object> properties, String name, Violations v) {
        return v.member(properties, "properties", name, false);
    }

    private static void cpus(List<Object> cpus, Violations v) {
        for (int i = 0; i < cpus.size(); i++) {
            String path = Violations.path("properties.cpus", i);
            v.object(cpus.get(i), path).ifPresent(cpu -> {
                v.member(cpu, path, "cores", true).ifPresent(cores -> positive(cores, path + ".cores", v));
                v.member(cpu, path, "architecture", false)
                        .ifPresent(a -> v.oneOf(a, path + ".architecture", ARCHITECTURES));
            });
        }
    }

    private static void positive(Object value, String path, Violations v) {
        if (!(value instanceof JsonBody.Numeral n)) {
            v.add(path, "must be a number");
        } else if (n.value().signum() <= 0) {
            v.add(path, "must be greater than 0");
        }
    }

    /** Peripherals and interfaces: objects with a {@code type} from a closed set and optional string members. */
    private static void typed(List<Object> items, String arrayPath, List<String> types, List<String> optional,
                              Violations v) {
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(items.get(i), path).ifPresent(item -> {
                v.member(item, path, "type", true).ifPresent(t -> v.oneOf(t, path + ".type", types));
                for (String name : optional) {
                    v.member(item, path, name, false).ifPresent(s -> v.string(s, path + "." + name));
                }
            });
        }
    }

    private static void strings(Map<String, Object> properties, String name, Violations v) {
        String arrayPath = "properties." + name;
        member(properties, name, v).flatMap(a -> v.array(a, arrayPath, true)).ifPresent(values -> {
            for (int i = 0; i < values.size(); i++) {
                v.string(values.get(i), Violations.path(arrayPath, i));
            }
        });
    }
}
