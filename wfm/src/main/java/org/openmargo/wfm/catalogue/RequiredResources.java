package org.openmargo.wfm.catalogue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openmargo.wfm.json.Violations;

/**
 * The older {@code requiredResources} profile member (before rc.3's {@code deviceConstraints}):
 * {@code cpu{cores, architectures[]}}, {@code memory}, {@code storage}, {@code peripherals[]{type, manufacturer,
 * model}}, {@code interfaces[]{type}}. Checked for shape and units only; architecture and type names are free
 * strings, because the older examples use names (such as {@code x86_64}) that rc.3 no longer lists.
 */
final class RequiredResources {
    private static final Pattern MEMORY = Pattern.compile("^[0-9]+(Mi|Gi|Ki)$");
    private static final Pattern STORAGE = Pattern.compile("^[0-9]+(Mi|Gi|Ki|Ti|Pi|Ei)$");

    private RequiredResources() {
    }

    static void check(Map<String, Object> r, String path, Violations v) {
        v.member(r, path, "cpu", false).flatMap(c -> v.object(c, path + ".cpu")).ifPresent(cpu -> {
            v.member(cpu, path + ".cpu", "cores", false).ifPresent(cores -> {
                BigDecimal n = cores instanceof BigInteger i ? new BigDecimal(i)
                        : cores instanceof BigDecimal d ? d : null;
                if (n == null || n.signum() <= 0) {
                    v.add(path + ".cpu.cores", "must be a number greater than 0");
                }
            });
            v.member(cpu, path + ".cpu", "architectures", false)
                    .flatMap(a -> v.array(a, path + ".cpu.architectures", false))
                    .ifPresent(a -> DescriptionReader.strings(a, path + ".cpu.architectures", v));
        });
        v.member(r, path, "memory", false).ifPresent(m -> v.matching(m, path + ".memory", MEMORY));
        v.member(r, path, "storage", false).ifPresent(s -> v.matching(s, path + ".storage", STORAGE));
        for (String kind : List.of("peripherals", "interfaces")) {
            v.member(r, path, kind, false).flatMap(a -> v.array(a, path + "." + kind, false)).ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    String itemPath = Violations.path(path + "." + kind, i);
                    v.object(items.get(i), itemPath).ifPresent(item -> {
                        v.member(item, itemPath, "type", true);
                        item.forEach((key, value) -> v.string(value, Violations.path(itemPath, key)));
                    });
                }
            });
        }
    }
}
