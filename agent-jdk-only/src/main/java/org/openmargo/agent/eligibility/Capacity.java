package org.openmargo.agent.eligibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/**
 * Checks {@code capacityRequirements} against the capabilities {@code properties} (digest f.2, e). The CPU need must
 * be met by a single {@code cpus} entry of an accepted architecture; cores are never summed across entries. A resource
 * the device does not report (no {@code cpus}, {@code memory} or {@code storage}) is not known to be short and is not
 * checked: the runtime is left to refuse it.
 */
final class Capacity {
    private static final String PATH = "deviceConstraints.capacityRequirements";

    private Capacity() {
    }

    /** The first unmet requirement, explained; empty if all are met. */
    static Optional<String> shortfall(JsonObject requirements, JsonObject properties) {
        Optional<String> cpu = requirements.get("cpu").flatMap(c -> cpu(c, properties));
        if (cpu.isPresent()) {
            return cpu;
        }
        Optional<String> memory = bytes(requirements, properties, "memory");
        return memory.isPresent() ? memory : bytes(requirements, properties, "storage");
    }

    private static Optional<String> cpu(JsonValue value, JsonObject properties) {
        if (!(value instanceof JsonObject cpu) || !(cpu.get("cores").orElse(null) instanceof JsonNumber cores)) {
            throw new InvalidConstraintException(PATH + ".cpu.cores", "expected a number");
        }
        List<String> architectures = architectures(cpu);
        Optional<JsonArray> cpus = properties.array("cpus");
        if (cpus.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal most = null;
        for (JsonValue entry : cpus.get().items()) {
            boolean accepted = entry instanceof JsonObject o && (architectures.isEmpty()
                    || o.string("architecture").filter(architectures::contains).isPresent());
            if (accepted && ((JsonObject) entry).get("cores").orElse(null) instanceof JsonNumber n) {
                BigDecimal have = Operands.decimal(n).orElse(BigDecimal.ZERO);
                most = most == null || have.compareTo(most) > 0 ? have : most;
            }
        }
        BigDecimal need = Operands.decimal(cores).orElseThrow(() -> new InvalidConstraintException(
                PATH + ".cpu.cores", "expected a number in range"));
        if (most != null && most.compareTo(need) >= 0) {
            return Optional.empty();
        }
        String of = architectures.isEmpty() ? "" : " of " + String.join("|", architectures);
        String unit = need.compareTo(BigDecimal.ONE) == 0 ? " core" : " cores";
        return Optional.of("needs " + need.toPlainString() + unit + " on one CPU" + of + "; this device has "
                + (most == null ? "no CPU" + of : "at most " + most.toPlainString()));
    }

    private static List<String> architectures(JsonObject cpu) {
        Optional<JsonValue> member = cpu.get("architectures");
        if (member.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (member.get() instanceof JsonArray array) {
            for (JsonValue item : array.items()) {
                if (!(item instanceof JsonString s)) {
                    throw new InvalidConstraintException(PATH + ".cpu.architectures", "expected strings");
                }
                names.add(s.value());
            }
            return names;
        }
        throw new InvalidConstraintException(PATH + ".cpu.architectures", "expected an array");
    }

    private static Optional<String> bytes(JsonObject requirements, JsonObject properties, String name) {
        Optional<JsonValue> member = requirements.get(name);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        String need = member.get() instanceof JsonString s ? s.value() : "";
        BigDecimal needBytes = ByteQuantity.bytes(need).orElseThrow(() -> new InvalidConstraintException(
                PATH + "." + name, "expected an amount such as 512Mi or 2Gi"));
        Optional<String> have = properties.string(name);
        Optional<BigDecimal> haveBytes = have.flatMap(ByteQuantity::bytes);
        if (haveBytes.isEmpty() || haveBytes.get().compareTo(needBytes) >= 0) {
            return Optional.empty();
        }
        return Optional.of("needs " + name + " " + need + "; this device has " + have.get());
    }
}
