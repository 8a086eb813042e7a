package org.openmargo.wfm.eligibility;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 6901 JSON Pointer evaluation over a plain tree (maps, lists, scalars).
 *
 * <p>A present member whose value is JSON {@code null} is reported as present, holding {@link #NULL}, so that
 * {@code Exists} can tell "absent" from "null".
 */
final class Pointer {
    /** Stands for a present JSON {@code null}. */
    static final Object NULL = new Object();

    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private Pointer() {
    }

    /**
     * The value {@code pointer} names inside {@code document}; empty when it names nothing (a missing member, an index
     * out of range or not a number, a step into a scalar) or is not a pointer (non-empty and not starting with
     * {@code /}).
     */
    static Optional<Object> resolve(Object document, String pointer) {
        if (pointer.isEmpty()) {
            return Optional.of(present(document));
        }
        if (!pointer.startsWith("/")) {
            return Optional.empty();
        }
        Object current = document;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> map && map.containsKey(token)) {
                current = map.get(token);
            } else if (current instanceof List<?> list && INDEX.matcher(token).matches()
                    && Integer.parseInt(token) < list.size()) {
                current = list.get(Integer.parseInt(token));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(present(current));
    }

    private static Object present(Object value) {
        return value == null ? NULL : value;
    }
}
