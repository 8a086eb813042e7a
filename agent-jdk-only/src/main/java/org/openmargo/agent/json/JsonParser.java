package org.openmargo.agent.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for strict RFC 8259 text, one {@code readX()} per grammar rule. Recursion is safe because
 * {@link Json#MAX_DEPTH} bounds it. One instance parses one document; not thread-safe.
 */
final class JsonParser {
    private static final int END = -1;

    private final String text;
    private int pos = -1;
    private int current;
    private int line = 1;
    private int lineStart;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    static JsonValue parse(String text) throws JsonParseException {
        return new JsonParser(text).readDocument();
    }

    private JsonValue readDocument() throws JsonParseException {
        read();
        skipWhiteSpace();
        JsonValue value = readValue();
        skipWhiteSpace();
        if (current != END) {
            throw error("end of input");
        }
        return value;
    }

    private JsonValue readValue() throws JsonParseException {
        return switch (current) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> new JsonString(readString());
            case 't' -> readLiteral("true", new JsonBool(true));
            case 'f' -> readLiteral("false", new JsonBool(false));
            case 'n' -> readLiteral("null", JsonNull.INSTANCE);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> readNumber();
            default -> throw error("value");
        };
    }

    private JsonObject readObject() throws JsonParseException {
        enterContainer();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhiteSpace();
        if (!readChar('}')) {
            do {
                skipWhiteSpace();
                readMember(members);
                skipWhiteSpace();
            } while (readChar(','));
            if (!readChar('}')) {
                throw error("',' or '}'");
            }
        }
        depth--;
        return new JsonObject(members);
    }

    private void readMember(Map<String, JsonValue> members) throws JsonParseException {
        if (current != '"') {
            throw error("member name");
        }
        int nameLine = line;
        int nameColumn = column();
        String name = readString();
        if (members.containsKey(name)) {
            throw new JsonParseException(nameLine, nameColumn,
                    "expected a unique member name but got duplicate " + quote(name));
        }
        if (members.size() == Json.MAX_CONTAINER_SIZE) {
            throw new JsonParseException(nameLine, nameColumn,
                    "expected at most " + Json.MAX_CONTAINER_SIZE + " members but got more");
        }
        skipWhiteSpace();
        if (!readChar(':')) {
            throw error("':'");
        }
        skipWhiteSpace();
        members.put(name, readValue());
    }

    private JsonArray readArray() throws JsonParseException {
        enterContainer();
        List<JsonValue> items = new ArrayList<>();
        skipWhiteSpace();
        if (!readChar(']')) {
            do {
                skipWhiteSpace();
                if (items.size() == Json.MAX_CONTAINER_SIZE) {
                    throw error("at most " + Json.MAX_CONTAINER_SIZE + " items");
                }
                items.add(readValue());
                skipWhiteSpace();
            } while (readChar(','));
            if (!readChar(']')) {
                throw error("',' or ']'");
            }
        }
        depth--;
        return new JsonArray(items);
    }

    private void enterContainer() throws JsonParseException {
        if (depth == Json.MAX_DEPTH) {
            throw error("at most " + Json.MAX_DEPTH + " nested containers");
        }
        depth++;
        read();
    }

    private JsonValue readLiteral(String literal, JsonValue value) throws JsonParseException {
        for (int i = 0; i < literal.length(); i++) {
            if (!readChar(literal.charAt(i))) {
                throw error("'" + literal.charAt(i) + "' of " + literal);
            }
        }
        return value;
    }

    private JsonNumber readNumber() throws JsonParseException {
        int start = pos;
        readChar('-');
        if (readChar('0')) {
            if (isDigit()) {
                throw error("'.', 'e' or the end of the number after a leading 0");
            }
        } else {
            readDigits();
        }
        if (readChar('.')) {
            readDigits();
        }
        if (readChar('e') || readChar('E')) {
            if (!readChar('+')) {
                readChar('-');
            }
            readDigits();
        }
        if (pos - start > Json.MAX_NUMBER_LENGTH) {
            throw error("a number of at most " + Json.MAX_NUMBER_LENGTH + " characters");
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private void readDigits() throws JsonParseException {
        if (!isDigit()) {
            throw error("digit");
        }
        while (isDigit()) {
            read();
        }
    }

    private String readString() throws JsonParseException {
        read();
        StringBuilder sb = new StringBuilder();
        while (current != '"') {
            if (current == '\\') {
                readEscape(sb);
            } else if (current < 0x20) {
                throw error(current == END ? "'\"'" : "a character (control characters must be escaped)");
            } else if (Character.isSurrogate((char) current)) {
                readSurrogatePair(sb);
            } else {
                readPlainRun(sb);
            }
            if (sb.length() > Json.MAX_STRING_LENGTH) {
                throw error("a string of at most " + Json.MAX_STRING_LENGTH + " characters");
            }
        }
        read();
        return sb.toString();
    }

    private void readPlainRun(StringBuilder sb) {
        // No newline can occur in the run, so line tracking in read() is not needed here.
        int start = pos;
        while (current >= 0x20 && current != '"' && current != '\\' && !Character.isSurrogate((char) current)) {
            pos++;
            current = pos < text.length() ? text.charAt(pos) : END;
        }
        sb.append(text, start, pos);
    }

    private void readSurrogatePair(StringBuilder sb) throws JsonParseException {
        char high = (char) current;
        if (!Character.isHighSurrogate(high)) {
            throw error("a high surrogate before a low surrogate");
        }
        read();
        if (current == END || !Character.isLowSurrogate((char) current)) {
            throw error("a low surrogate after a high surrogate");
        }
        sb.append(high).append((char) current);
        read();
    }

    private void readEscape(StringBuilder sb) throws JsonParseException {
        int escapeColumn = column();
        read();
        if (current == 'u') {
            readUnicodeEscape(sb, escapeColumn);
            return;
        }
        char c = switch (current) {
            case '"', '\\', '/' -> (char) current;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> throw error("escape character");
        };
        read();
        sb.append(c);
    }

    private void readUnicodeEscape(StringBuilder sb, int escapeColumn) throws JsonParseException {
        char unit = readHex4();
        if (Character.isLowSurrogate(unit)) {
            throw new JsonParseException(line, escapeColumn,
                    "expected a high surrogate before a low surrogate but got " + hex(unit));
        }
        if (Character.isHighSurrogate(unit)) {
            int lowColumn = column();
            if (!readChar('\\') || current != 'u') {
                throw new JsonParseException(line, lowColumn, "expected a low surrogate escape after " + hex(unit)
                        + " but got " + describe(current));
            }
            char low = readHex4();
            if (!Character.isLowSurrogate(low)) {
                throw new JsonParseException(line, lowColumn,
                        "expected a low surrogate after " + hex(unit) + " but got " + hex(low));
            }
            sb.append(unit);
            unit = low;
        }
        sb.append(unit);
    }

    private char readHex4() throws JsonParseException {
        read();
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(current, 16);
            if (current > 'f' || digit < 0) {
                throw error("hexadecimal digit");
            }
            value = value * 16 + digit;
            read();
        }
        return (char) value;
    }

    private void read() {
        if (current == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
        current = pos < text.length() ? text.charAt(pos) : END;
    }

    private boolean readChar(char c) {
        if (current != c) {
            return false;
        }
        read();
        return true;
    }

    private void skipWhiteSpace() {
        while (current == ' ' || current == '\t' || current == '\n' || current == '\r') {
            read();
        }
    }

    private boolean isDigit() {
        return current >= '0' && current <= '9';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private JsonParseException error(String expected) {
        return new JsonParseException(line, column(), "expected " + expected + " but got " + describe(current));
    }

    static String describe(int c) {
        if (c == END) {
            return "end of input";
        }
        return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private static String hex(char unit) {
        return String.format("\\u%04X", (int) unit);
    }

    private static String quote(String name) {
        return "\"" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "\"";
    }
}
