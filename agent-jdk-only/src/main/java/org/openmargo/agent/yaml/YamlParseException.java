package org.openmargo.agent.yaml;

import java.io.Serial;

/**
 * Thrown when a document is outside the YAML subset that {@link Yaml} accepts, is not valid YAML, or exceeds a limit.
 *
 * <p>The message has the form {@code line 3, column 17: expected ':' but got end of line}. Lines and columns are
 * 1-based; a column counts UTF-16 characters of the decoded text from the start of the line.
 */
public final class YamlParseException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    YamlParseException(int line, int column, String detail) {
        super("line " + line + ", column " + column + ": " + detail);
        this.line = line;
        this.column = column;
    }

    /** Returns the 1-based line of the failure. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column of the failure. */
    public int column() {
        return column;
    }
}
