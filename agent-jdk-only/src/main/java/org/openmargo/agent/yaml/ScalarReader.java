package org.openmargo.agent.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNull;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/** Reads single-line tokens: plain and quoted scalars and one-line flow collections. Not thread-safe. */
abstract class ScalarReader extends YamlCursor {
    private static final String FLOW_INDICATORS = ",[]{}";

    /** A scalar as written: its text (escapes resolved), whether it was plain, and where it started. */
    record Scalar(String text, boolean plain, int line, int column) {
    }

    ScalarReader(String text) {
        super(text);
    }

    final JsonValue scalarValue(Scalar scalar) throws YamlParseException {
        countNode();
        if (!scalar.plain()) {
            return new JsonString(scalar.text());
        }
        try {
            return CoreSchema.resolve(scalar.text());
        } catch (IllegalArgumentException e) {
            throw new YamlParseException(scalar.line(), scalar.column(),
                    "expected a finite number but got " + scalar.text());
        }
    }

    final Scalar readScalar(boolean flow) throws YamlParseException {
        int startLine = line;
        int startColumn = column();
        return switch (current) {
            case '"' -> new Scalar(readDoubleQuoted(), false, startLine, startColumn);
            case '\'' -> new Scalar(readSingleQuoted(), false, startLine, startColumn);
            default -> new Scalar(readPlain(flow), true, startLine, startColumn);
        };
    }

    /** Reads a mapping key's scalar, rejecting merge keys; the caller checks for the ':' that follows. */
    final Scalar readKey(boolean flow) throws YamlParseException {
        if (current == '?' && isBlank(peek(1))) {
            throw error("a scalar key (complex keys are not supported)");
        }
        if (current == '[' || current == '{') {
            throw error("a scalar key");
        }
        Scalar key = readScalar(flow);
        if (key.plain() && key.text().equals("<<")) {
            throw new YamlParseException(key.line(), key.column(), "expected a key but got merge key '<<'");
        }
        return key;
    }

    private String readPlain(boolean flow) throws YamlParseException {
        checkPlainStart(flow);
        int start = pos;
        int end = pos;
        while (!atLineEnd()) {
            int next = peek(1);
            if (current == ':' && (isBlank(next) || flow && FLOW_INDICATORS.indexOf(next) >= 0)
                    || current == '#' && pos > start && isBlank(text.charAt(pos - 1))
                    || flow && FLOW_INDICATORS.indexOf(current) >= 0) {
                break;
            }
            if (current != ' ' && current != '\t') {
                end = pos + 1;
            }
            read();
        }
        return text.substring(start, end);
    }

    private void checkPlainStart(boolean flow) throws YamlParseException {
        switch (current) {
            case '&' -> throw error("a node (anchors are not supported)");
            case '*' -> throw error("a node (aliases are not supported)");
            case '!' -> throw error("a node (tags are not supported)");
            case ',', '[', ']', '{', '}', '#', '|', '>', '%', '@', '`' -> throw error("a scalar");
            case '-', '?', ':' -> {
                if (isBlank(peek(1)) || flow && FLOW_INDICATORS.indexOf(peek(1)) >= 0) {
                    throw error("a scalar");
                }
            }
            default -> {
                if (isBlank(current)) {
                    throw error("a scalar");
                }
            }
        }
    }

    private String readSingleQuoted() throws YamlParseException {
        read();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atLineEnd()) {
                throw error("a closing \"'\" on the same line");
            }
            if (current == '\'') {
                read();
                if (current != '\'') {
                    return sb.toString();
                }
            }
            sb.append((char) current);
            read();
        }
    }

    private String readDoubleQuoted() throws YamlParseException {
        read();
        StringBuilder sb = new StringBuilder();
        while (current != '"') {
            if (atLineEnd()) {
                throw error("a closing '\"' on the same line");
            }
            if (current == '\\') {
                readEscape(sb);
            } else {
                sb.append((char) current);
                read();
            }
        }
        read();
        return sb.toString();
    }

    private void readEscape(StringBuilder sb) throws YamlParseException {
        read();
        int c = current;
        String simple = switch (c) {
            case '0' -> "\0";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 't', '\t' -> "\t";
            case 'n' -> "\n";
            case 'v' -> "\u000b";
            case 'f' -> "\f";
            case 'r' -> "\r";
            case 'e' -> "\u001b";
            case ' ', '"', '/', '\\' -> String.valueOf((char) c);
            case 'N' -> "\u0085";
            case '_' -> "\u00a0";
            case 'L' -> "\u2028";
            case 'P' -> "\u2029";
            case 'x', 'u', 'U' -> null;
            default -> throw error("an escape character");
        };
        read();
        if (simple != null) {
            sb.append(simple);
        } else {
            sb.appendCodePoint(readHexCodePoint(c == 'x' ? 2 : c == 'u' ? 4 : 8));
        }
    }

    private int readHexCodePoint(int digits) throws YamlParseException {
        int startColumn = column();
        long value = 0;
        for (int i = 0; i < digits; i++) {
            int digit = current > 'f' ? -1 : Character.digit(current, 16);
            if (digit < 0) {
                throw error("a hexadecimal digit");
            }
            value = value * 16 + digit;
            read();
        }
        if (value > Character.MAX_CODE_POINT || value >= 0xD800 && value <= 0xDFFF) {
            throw new YamlParseException(line, startColumn, "expected a Unicode scalar value but got "
                    + String.format("%X", value));
        }
        return (int) value;
    }

    /** Reads a flow sequence or mapping that must close on the same line. */
    final JsonValue readFlow() throws YamlParseException {
        enterCollection();
        JsonValue value = current == '[' ? readFlowSequence() : readFlowMapping();
        leaveCollection();
        return value;
    }

    private JsonValue readFlowNode() throws YamlParseException {
        return current == '[' || current == '{' ? readFlow() : scalarValue(readScalar(true));
    }

    private JsonArray readFlowSequence() throws YamlParseException {
        read();
        skipSpaces();
        List<JsonValue> items = new ArrayList<>();
        while (current != ']') {
            items.add(readFlowNode());
            skipSpaces();
            if (!readChar(',')) {
                if (current != ']') {
                    throw error("',' or ']'");
                }
                break;
            }
            skipSpaces();
        }
        read();
        return new JsonArray(items);
    }

    private JsonObject readFlowMapping() throws YamlParseException {
        read();
        skipSpaces();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        while (current != '}') {
            Scalar key = readKey(true);
            requireUnique(members, key);
            skipSpaces();
            if (!readChar(':')) {
                throw error("':'");
            }
            skipSpaces();
            members.put(key.text(), current == ',' || current == '}' ? JsonNull.INSTANCE : readFlowNode());
            skipSpaces();
            if (!readChar(',')) {
                if (current != '}') {
                    throw error("',' or '}'");
                }
                break;
            }
            skipSpaces();
        }
        read();
        return new JsonObject(members);
    }

    static void requireUnique(Map<String, JsonValue> members, Scalar key) throws YamlParseException {
        if (members.containsKey(key.text())) {
            String shown = key.text().length() > 40 ? key.text().substring(0, 40) + "..." : key.text();
            throw new YamlParseException(key.line(), key.column(),
                    "expected a unique key but got duplicate \"" + shown + "\"");
        }
    }
}
