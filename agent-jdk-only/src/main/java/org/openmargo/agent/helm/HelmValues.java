package org.openmargo.agent.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNull;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/**
 * Turns parameter values into Helm flags (digest f.3: a pointer is a dot path into {@code values.yaml}), choosing for
 * each value the flag whose parser keeps its JSON type:
 * <ul>
 *   <li>string: {@code --set-string p=v}, with {@code \}, {@code ,} and {@code {} escaped by a backslash, because
 *       Helm's set syntax splits at {@code ,}, reads a leading {@code {} as a list and unescapes {@code \x} to
 *       {@code x};</li>
 *   <li>boolean, and integers that fit a signed 64-bit integer: {@code --set p=v} (Helm types these as bool and
 *       int64);</li>
 *   <li>other numbers, arrays, objects and null: {@code --set-json p=<compact JSON>}, because {@code --set} would
 *       keep {@code 1.5} as a string and its list syntax cannot carry strings with commas. Helm decodes these as JSON
 *       (numbers become float64; {@code null} deletes the key, as in Helm).</li>
 * </ul>
 * The pointer is passed as written, so the author's {@code \.} (a dot inside a key) and {@code [0]} (a list index) keep
 * their Helm meaning. A pointer that is empty, contains {@code ,} or {@code =}, or ends in a lone {@code \} cannot be
 * written safely and is rejected.
 *
 * <p>Helm applies the flags by kind ({@code --set-json}, then {@code --set}, then {@code --set-string}), not in argv
 * order; two pointers only interact if one is a prefix path of the other.
 */
final class HelmValues {
    private HelmValues() {
    }

    /**
     * Returns the flags for {@code values}, in their order.
     *
     * @throws IllegalArgumentException naming the first pointer that cannot be written
     */
    static List<String> flags(Map<String, JsonValue> values) {
        List<String> flags = new ArrayList<>();
        values.forEach((pointer, value) -> {
            requireWritable(pointer);
            switch (value) {
                case JsonString s -> add(flags, "--set-string", pointer, escape(s.value()));
                case JsonBool b -> add(flags, "--set", pointer, Boolean.toString(b.value()));
                case JsonNumber n when fitsLong(n) -> add(flags, "--set", pointer, Long.toString(n.longValueExact()));
                case JsonNumber n -> add(flags, "--set-json", pointer, Json.write(n));
                case JsonArray a -> add(flags, "--set-json", pointer, Json.write(a));
                case JsonObject o -> add(flags, "--set-json", pointer, Json.write(o));
                case JsonNull z -> add(flags, "--set-json", pointer, "null");
            }
        });
        return flags;
    }

    private static void add(List<String> flags, String flag, String pointer, String value) {
        flags.add(flag);
        flags.add(pointer + "=" + value);
    }

    private static boolean fitsLong(JsonNumber number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == ',' || c == '{') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void requireWritable(String pointer) {
        boolean unsafe = pointer.indexOf(',') >= 0 || pointer.indexOf('=') >= 0 || endsInLoneBackslash(pointer);
        if (pointer.isBlank() || unsafe) {
            throw new IllegalArgumentException("pointer \"" + pointer
                    + "\" cannot be passed to helm: it is empty, contains ',' or '=', or ends in '\\'");
        }
    }

    private static boolean endsInLoneBackslash(String pointer) {
        int backslashes = 0;
        for (int i = pointer.length() - 1; i >= 0 && pointer.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
