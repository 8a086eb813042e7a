package org.openmargo.wfm.eligibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code capacityRequirements} (Margo rc.3 f.2) against the hosting fields of capabilities {@code properties}.
 *
 * <p>Decisions where the spec is silent: the device's cores are the sum of {@code cpus[].cores}; an
 * {@code architectures} list is met when any reported CPU has one of those architectures (exact, case-sensitive);
 * memory and storage compare as bytes. A requirement the device reports nothing for (no {@code cpus}, no readable
 * {@code memory}) is not met.
 */
final class Capacity {
    private Capacity() {
    }

    /** The first requirement the device does not meet, as a reason an operator can read; empty when all are met. */
    static Optional<String> unmet(Map<?, ?> capacity, Map<?, ?> properties) {
        if (capacity.get("cpu") instanceof Map<?, ?> cpu) {
            Optional<String> cpuReason = cpu(cpu, properties);
            if (cpuReason.isPresent()) {
                return cpuReason;
            }
        }
        for (String size : List.of("memory", "storage")) {
            if (capacity.containsKey(size)) {
                Optional<BigDecimal> needed = Quantity.bytes(capacity.get(size));
                Optional<BigDecimal> has = Quantity.bytes(properties.get(size));
                if (needed.isPresent() && (has.isEmpty() || has.get().compareTo(needed.get()) < 0)) {
                    return Optional.of("needs " + capacity.get(size) + " of " + size + ", the device reports "
                            + reported(properties.get(size)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cpu(Map<?, ?> cpu, Map<?, ?> properties) {
        List<Map<?, ?>> cpus = new ArrayList<>();
        if (properties.get("cpus") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(c -> cpus.add((Map<?, ?>) c));
        }
        Optional<BigDecimal> cores = Numeric.of(cpu.get("cores"));
        if (cores.isPresent()) {
            BigDecimal total = cpus.stream().map(c -> Numeric.of(c.get("cores")).orElse(BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(cores.get()) < 0) {
                return Optional.of("needs " + cores.get().toPlainString() + " CPU cores, the device reports "
                        + total.toPlainString());
            }
        }
        if (cpu.get("architectures") instanceof List<?> wanted && !wanted.isEmpty()) {
            List<Object> has = cpus.stream().<Object>map(c -> c.get("architecture")).filter(a -> a != null).toList();
            if (has.stream().noneMatch(wanted::contains)) {
                return Optional.of("needs a CPU architecture in " + wanted + ", the device reports " + has);
            }
        }
        return Optional.empty();
    }

    private static String reported(Object value) {
        return value == null ? "none" : String.valueOf(value);
    }
}
