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

/**
 * Reads one document of the {@link Yaml} subset: prologue, block mappings and sequences, block scalars, epilogue.
 * Every block reader returns with the cursor on the first content character of the next non-blank line (or at the
 * end of input), so {@link #lineIndent()} tells the caller where the next entry belongs. Not thread-safe.
 */
final class YamlParser extends ScalarReader {

    YamlParser(String text) {
        super(text);
    }

    JsonValue readDocument() throws YamlParseException {
        readPrologue();
        JsonValue root = lineIndent() < 0 ? JsonNull.INSTANCE : readBlockNode(-1);
        readEpilogue();
        return root;
    }

    private void readPrologue() throws YamlParseException {
        skipBlankLines();
        if (current == '%') {
            readDirective();
            if (!atMarker("---")) {
                throw error("'---' after the %YAML directive");
            }
        }
        if (atMarker("---")) {
            advanceTo(pos + 3);
            finishLine();
        }
    }

    private void readDirective() throws YamlParseException {
        int start = pos;
        while (!isBlank(current)) {
            read();
        }
        skipSpaces();
        int versionStart = pos;
        while (!isBlank(current)) {
            read();
        }
        String directive = text.substring(start, versionStart).strip();
        if (!directive.equals("%YAML") || !text.substring(versionStart, pos).equals("1.2")) {
            int lineEnd = text.indexOf('\n', start);
            throw new YamlParseException(line, 1, "expected %YAML 1.2 but got "
                    + text.substring(start, lineEnd < 0 ? text.length() : lineEnd).strip());
        }
        finishLine();
    }

    private void readEpilogue() throws YamlParseException {
        if (atMarker("...")) {
            advanceTo(pos + 3);
            finishLine();
        }
        if (current != END) {
            throw atMarker("---") ? new YamlParseException(line, 1, "expected end of input but got '---'"
                    + " (multiple documents are not supported)") : error("end of document");
        }
    }

    private JsonValue readBlockNode(int parentIndent) throws YamlParseException {
        int indent = column() - 1;
        if (isSequenceEntry()) {
            return readBlockSequence(indent);
        }
        if (current == '[' || current == '{' || current == '|' || current == '>') {
            return readInlineValue(parentIndent);
        }
        Scalar scalar = readKeyOrScalar();
        if (readKeyIndicator()) {
            return readBlockMapping(indent, scalar);
        }
        finishLine();
        return scalarValue(scalar);
    }

    private Scalar readKeyOrScalar() throws YamlParseException {
        if (current == '?' && isBlank(peek(1))) {
            throw error("a scalar key (complex keys are not supported)");
        }
        return readScalar(false);
    }

    private JsonObject readBlockMapping(int indent, Scalar firstKey) throws YamlParseException {
        enterCollection(firstKey.line(), firstKey.column());
        Map<String, JsonValue> members = new LinkedHashMap<>();
        Scalar key = firstKey;
        while (true) {
            checkKey(members, key);
            members.put(key.text(), readMappingValue(indent));
            int next = lineIndent();
            if (next < indent) {
                break;
            }
            requireIndent(indent, next);
            key = readKey(false);
            if (!readKeyIndicator()) {
                throw error("':'");
            }
        }
        leaveCollection();
        return new JsonObject(members);
    }

    private void checkKey(Map<String, JsonValue> members, Scalar key) throws YamlParseException {
        if (key.plain() && key.text().equals("<<")) {
            throw new YamlParseException(key.line(), key.column(), "expected a key but got merge key '<<'");
        }
        requireUnique(members, key);
    }

    private JsonValue readMappingValue(int indent) throws YamlParseException {
        skipSpaces();
        if (atCommentOrLineEnd()) {
            finishLine();
            int next = lineIndent();
            if (next > indent) {
                return readBlockNode(indent);
            }
            // A block sequence may sit at its parent key's indentation (YAML 1.2.2 example 8.22).
            return next == indent && isSequenceEntry() ? readBlockSequence(indent) : nullValue();
        }
        return readInlineValue(indent);
    }

    private JsonArray readBlockSequence(int indent) throws YamlParseException {
        enterCollection();
        List<JsonValue> items = new ArrayList<>();
        do {
            read();
            items.add(readSequenceItem(indent));
        } while (lineIndent() == indent && isSequenceEntry());
        int next = lineIndent();
        if (next > indent) {
            requireIndent(indent, next);
        }
        leaveCollection();
        return new JsonArray(items);
    }

    private JsonValue readSequenceItem(int indent) throws YamlParseException {
        if (current == '\t') {
            throw error("a space after '-'");
        }
        skipSpaces();
        if (atCommentOrLineEnd()) {
            finishLine();
            return lineIndent() > indent ? readBlockNode(indent) : nullValue();
        }
        int itemIndent = column() - 1;
        if (isSequenceEntry()) {
            return readBlockSequence(itemIndent);
        }
        if (current == '[' || current == '{' || current == '|' || current == '>') {
            return readInlineValue(indent);
        }
        Scalar scalar = readKeyOrScalar();
        if (readKeyIndicator()) {
            return readBlockMapping(itemIndent, scalar);
        }
        finishLine();
        return scalarValue(scalar);
    }

    /** Reads a value that starts on the current line: a flow collection, a block scalar or a scalar. */
    private JsonValue readInlineValue(int indent) throws YamlParseException {
        if (current == '|' || current == '>') {
            return readBlockScalar(indent);
        }
        JsonValue value = current == '[' || current == '{' ? readFlow() : scalarValue(readScalar(false));
        finishLine();
        return value;
    }

    private JsonValue readBlockScalar(int indent) throws YamlParseException {
        boolean folded = current == '>';
        read();
        char chomping = current == '-' || current == '+' ? (char) current : ' ';
        if (chomping != ' ') {
            read();
        }
        if (!isBlank(current) && current != '#') {
            throw error("'-', '+' or end of line after the block scalar indicator"
                    + " (indentation indicators are not supported)");
        }
        readLineEnd();
        countNode();
        List<String> lines = new ArrayList<>();
        boolean finalBreak = readBlockScalarLines(indent, lines);
        skipBlankLines();
        return new JsonString(BlockScalars.compose(lines, folded, chomping, finalBreak));
    }

    /** Collects content lines with their indentation removed; returns whether the last one ended with a break. */
    private boolean readBlockScalarLines(int indent, List<String> lines) throws YamlParseException {
        readChar('\n');
        int contentIndent = -1;
        int leadingBlankWidth = 0;
        boolean finalBreak = false;
        int p = pos;
        while (p < text.length()) {
            int eol = text.indexOf('\n', p);
            eol = eol < 0 ? text.length() : eol;
            int spaces = 0;
            while (p + spaces < eol && text.charAt(p + spaces) == ' ') {
                spaces++;
            }
            if (p + spaces == eol) {
                leadingBlankWidth = contentIndent < 0 ? Math.max(leadingBlankWidth, spaces) : leadingBlankWidth;
                lines.add(contentIndent >= 0 && spaces > contentIndent ? text.substring(p + contentIndent, eol) : "");
            } else {
                if (contentIndent < 0 && spaces > indent) {
                    contentIndent = spaces;
                    checkLeadingBlanks(leadingBlankWidth, contentIndent, p);
                }
                if (contentIndent < 0 || spaces < contentIndent) {
                    break;
                }
                lines.add(text.substring(p + contentIndent, eol));
            }
            finalBreak = eol < text.length();
            p = Math.min(eol + 1, text.length());
        }
        advanceTo(p);
        return finalBreak;
    }

    private void checkLeadingBlanks(int leadingBlankWidth, int contentIndent, int p) throws YamlParseException {
        if (leadingBlankWidth > contentIndent) {
            advanceTo(p);
            throw error("leading blank lines no wider than the first content line");
        }
    }

    private boolean readKeyIndicator() {
        skipSpaces();
        if (current == ':' && isBlank(peek(1))) {
            read();
            return true;
        }
        return false;
    }

    private boolean isSequenceEntry() {
        return current == '-' && isBlank(peek(1));
    }

    private boolean atCommentOrLineEnd() {
        return atLineEnd() || current == '#' && (pos == lineStart || isBlank(text.charAt(pos - 1)));
    }

    private boolean atMarker(String marker) {
        return pos == lineStart && text.startsWith(marker, pos) && isBlank(peek(3));
    }

    /** Returns the indentation of the current content line, or -1 at the end of input or a document marker. */
    private int lineIndent() {
        return current == END || atMarker("---") || atMarker("...") ? -1 : column() - 1;
    }

    private void requireIndent(int expected, int actual) throws YamlParseException {
        if (actual != expected) {
            throw new YamlParseException(line, column(), "expected indentation " + expected
                    + " but got indentation " + actual);
        }
    }

    private JsonValue nullValue() throws YamlParseException {
        countNode();
        return JsonNull.INSTANCE;
    }

    private void readLineEnd() throws YamlParseException {
        skipSpaces();
        if (atCommentOrLineEnd()) {
            while (!atLineEnd()) {
                read();
            }
        } else {
            throw error("end of line");
        }
    }

    /** Ends the current line and moves to the first content character of the next non-blank line. */
    private void finishLine() throws YamlParseException {
        readLineEnd();
        readChar('\n');
        skipBlankLines();
    }

    private void skipBlankLines() throws YamlParseException {
        while (current != END) {
            while (current == ' ') {
                read();
            }
            if (current == '\t') {
                throw error("spaces for indentation");
            }
            if (current == '#') {
                readLineEnd();
            }
            if (current != '\n') {
                return;
            }
            read();
        }
    }
}
