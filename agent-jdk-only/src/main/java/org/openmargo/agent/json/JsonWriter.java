package org.openmargo.agent.json;

import java.util.Map;

/** Compact JSON serializer. Recursion is bounded by {@link Json#MAX_DEPTH}. One instance per call; not thread-safe. */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();

    static String write(JsonValue value) {
        JsonWriter writer = new JsonWriter();
        writer.writeValue(value, 0);
        return writer.out.toString();
    }

    private void writeValue(JsonValue value, int depth) {
        switch (value) {
            case JsonObject o -> writeObject(o, depth + 1);
            case JsonArray a -> writeArray(a, depth + 1);
            case JsonString s -> writeString(s.value());
            case JsonNumber n -> out.append(n.text());
            case JsonBool b -> out.append(b.value());
            case JsonNull n -> out.append("null");
        }
    }

    private void writeObject(JsonObject object, int depth) {
        checkDepth(depth);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey());
            out.append(':');
            writeValue(member.getValue(), depth);
        }
        out.append('}');
    }

    private void writeArray(JsonArray array, int depth) {
        checkDepth(depth);
        out.append('[');
        for (int i = 0; i < array.items().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeValue(array.items().get(i), depth);
        }
        out.append(']');
    }

    private static void checkDepth(int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + Json.MAX_DEPTH + " containers");
        }
    }

    private void writeString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> writeChar(s, i, c);
            }
        }
        out.append('"');
    }

    private void writeChar(String s, int i, char c) {
        if (c < 0x20 || Character.isSurrogate(c) && !isPaired(s, i)) {
            // A lone surrogate cannot be encoded as UTF-8; the escape keeps the text lossless.
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }

    private static boolean isPaired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
