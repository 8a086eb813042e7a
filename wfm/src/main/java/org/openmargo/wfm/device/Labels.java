package org.openmargo.wfm.device;

import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.json.Violations;

import java.util.List;
import java.util.Map;

/**
 * Root {@code labels} of capabilities (spec e): each value is a string, a number, a boolean, an array of strings or an
 * array of numbers. An empty array is accepted (it is an array of strings); mixed arrays and empty names are not.
 */
final class Labels {
    private Labels() {
    }

    static void check(Map<String, Object> labels, Violations v) {
        for (Map.Entry<String, Object> e : labels.entrySet()) {
            String path = Violations.path("labels", e.getKey());
            if (e.getKey().isEmpty()) {
                v.add(path, "label names must not be empty");
            }
            Object value = e.getValue();
            boolean ok = value instanceof String || value instanceof JsonBody.Numeral || value instanceof Boolean
                    || value instanceof List<?> list && (all(list, String.class) || all(list, JsonBody.Numeral.class));
            if (!ok) {
                v.add(path, "must be a string, number, boolean, array of strings or array of numbers");
            }
        }
    }

    private static boolean all(List<?> list, Class<?> type) {
        return list.stream().allMatch(type::isInstance);
    }
}
