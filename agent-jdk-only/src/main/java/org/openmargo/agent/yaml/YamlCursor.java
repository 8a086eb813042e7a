package org.openmargo.agent.yaml;

/**
 * Character cursor shared by the YAML readers: the {@code current} character, {@code read()}, {@code readChar(c)},
 * line and column tracking, and the one {@code error()} every failure goes through. Not thread-safe.
 */
abstract class YamlCursor {
    static final int END = -1;

    final String text;
    int pos = -1;
    int current;
    int line = 1;
    int lineStart;
    private int depth;
    private int nodes;

    YamlCursor(String text) {
        this.text = text;
        read();
    }

    final void read() {
        if (current == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
        current = pos < text.length() ? text.charAt(pos) : END;
    }

    final boolean readChar(char c) {
        if (current != c) {
            return false;
        }
        read();
        return true;
    }

    final void advanceTo(int target) {
        while (pos < target) {
            read();
        }
    }

    final int peek(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : END;
    }

    final int column() {
        return pos - lineStart + 1;
    }

    /** Skips separation white space inside a line (spaces and tabs; never indentation). */
    final void skipSpaces() {
        while (current == ' ' || current == '\t') {
            read();
        }
    }

    final boolean atLineEnd() {
        return current == '\n' || current == END;
    }

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == END;
    }

    final void enterCollection() throws YamlParseException {
        enterCollection(line, column());
    }

    /** Enters a collection that started at the given location (a block mapping starts at its first key). */
    final void enterCollection(int startLine, int startColumn) throws YamlParseException {
        if (depth == Yaml.MAX_DEPTH) {
            throw new YamlParseException(startLine, startColumn, "expected at most " + Yaml.MAX_DEPTH
                    + " nested collections but got more");
        }
        depth++;
        countNode();
    }

    final void leaveCollection() {
        depth--;
    }

    final void countNode() throws YamlParseException {
        if (++nodes > Yaml.MAX_NODES) {
            throw error("at most " + Yaml.MAX_NODES + " nodes");
        }
    }

    final YamlParseException error(String expected) {
        return new YamlParseException(line, column(), "expected " + expected + " but got " + describe(current));
    }

    static String describe(int c) {
        if (c == END) {
            return "end of input";
        }
        if (c == '\n') {
            return "end of line";
        }
        return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }
}
