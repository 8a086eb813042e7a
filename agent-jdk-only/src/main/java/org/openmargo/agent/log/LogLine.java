package org.openmargo.agent.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * Formats a log record as exactly one line:
 *
 * <pre>
 * &lt;time&gt; &lt;level&gt; &lt;logger&gt;: &lt;message&gt;[ | &lt;exception&gt;]
 * 2026-11-27T02:30:27.452Z INFO org.openmargo.agent.sync.ManifestSync: accepted manifest version 2 ...
 * </pre>
 *
 * <ul>
 * <li>{@code time}: the record's instant in UTC, ISO-8601 with milliseconds and {@code Z};</li>
 * <li>{@code level}: the {@code java.util.logging} level name ({@code SEVERE WARNING INFO CONFIG FINE FINER FINEST};
 *     {@code System.Logger}'s ERROR is SEVERE, DEBUG is FINE, TRACE is FINER);</li>
 * <li>{@code logger}: the logger name (the class that logged);</li>
 * <li>{@code message}: the formatted message; then, when the record carries an exception, {@code " | "} and its
 *     stack trace.</li>
 * </ul>
 * A backslash, line feed and carriage return inside the message or the stack trace are written as {@code \\},
 * {@code \n} and {@code \r}, so a record never spans two lines and {@link #PATTERN} matches every line. Thread safe.
 */
public final class LogLine extends Formatter {
    /** Matches every line this formatter writes; groups: time, level, logger, message. */
    public static final Pattern PATTERN = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) (SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST)"
                    + " ([^\\s:]+): (.*)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Creates the formatter; it has no settings. */
    public LogLine() {
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(record.getInstant())).append(' ').append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName() == null ? "-" : record.getLoggerName()).append(": ");
        escape(formatMessage(record), line);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(" | ");
            escape(trace.toString().strip(), line);
        }
        return line.append('\n').toString();
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
