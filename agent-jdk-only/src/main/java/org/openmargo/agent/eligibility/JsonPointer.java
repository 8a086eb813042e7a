package org.openmargo.agent.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;

/**
 * An RFC 6901 JSON Pointer: {@code ""} is the whole document, otherwise {@code /}-separated reference tokens in which
 * {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}. An array is indexed by a decimal token without
 * leading zeros; {@code -} (the element after the last) and anything else resolve to nothing.
 */
record JsonPointer(String text, List<String> tokens) {
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /** @throws IllegalArgumentException if {@code text} is not a JSON Pointer */
    static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("a JSON Pointer starts with / but got \"" + text + "\"");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(unescape(raw, text));
        }
        return new JsonPointer(text, tokens);
    }

    private static String unescape(String raw, String text) {
        StringBuilder token = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                token.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (next != '0' && next != '1') {
                throw new IllegalArgumentException("~ must be followed by 0 or 1 in \"" + text + "\"");
            }
            token.append(next == '0' ? '~' : '/');
            i++;
        }
        return token.toString();
    }

    /** Returns the value the pointer references in {@code document}, empty if there is none. */
    Optional<JsonValue> resolve(JsonValue document) {
        JsonValue current = document;
        for (String token : tokens) {
            Optional<JsonValue> next = switch (current) {
                case JsonObject o -> o.get(token);
                case JsonArray a -> INDEX.matcher(token).matches() && Integer.parseInt(token) < a.items().size()
                        ? Optional.of(a.items().get(Integer.parseInt(token))) : Optional.empty();
                default -> Optional.empty();
            };
            if (next.isEmpty()) {
                return next;
            }
            current = next.get();
        }
        return Optional.of(current);
    }
}
