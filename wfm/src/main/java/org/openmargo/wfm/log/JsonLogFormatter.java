package org.openmargo.wfm.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * {@code wfm.log.format=json}: one JSON object per line, written with the project's JSON-P. Every record has
 * {@code time} (ISO-8601 UTC), {@code level}, {@code logger}, {@code thread} and {@code message}; a failure adds
 * {@code exception} (its stack trace as one string). A record whose single parameter is a map (the device API request
 * log) has the map's entries as further top-level fields, numbers and booleans as such, anything else as a string;
 * entries never replace the fields above. Thread safe.
 */
public final class JsonLogFormatter extends Formatter {
    private static final java.util.Set<String> RESERVED = java.util.Set.of("time", "level", "logger", "thread",
            "message", "exception");

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", record.getLevel().getName())
                .add("logger", String.valueOf(record.getLoggerName()))
                .add("thread", Thread.currentThread().getName())
                .add("message", String.valueOf(formatMessage(record)));
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            fields.forEach((key, value) -> field(line, String.valueOf(key), value));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("exception", trace.toString());
        }
        return line.build().toString() + System.lineSeparator();
    }

    @Override
    public String formatMessage(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?>) {
            return record.getMessage(); // structured fields, not message arguments
        }
        return super.formatMessage(record);
    }

    private static void field(JsonObjectBuilder line, String key, Object value) {
        if (RESERVED.contains(key)) {
            return;
        }
        switch (value) {
            case Integer i -> line.add(key, i);
            case Long l -> line.add(key, l);
            case Double d when Double.isFinite(d) -> line.add(key, d);
            case Boolean b -> line.add(key, b);
            case null -> line.addNull(key);
            default -> line.add(key, String.valueOf(value));
        }
    }

    /** Puts this formatter on every handler of the root logger (after the logging configuration was read). */
    public static void install() {
        for (Handler handler : LogManager.getLogManager().getLogger("").getHandlers()) {
            handler.setFormatter(new JsonLogFormatter());
        }
        Logger.getLogger(JsonLogFormatter.class.getName()).fine("JSON log format installed");
    }
}
