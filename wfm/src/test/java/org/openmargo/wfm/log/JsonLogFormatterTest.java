package org.openmargo.wfm.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void format_plainRecordWithArguments_oneJsonObjectOnOneLine() {
        LogRecord record = new LogRecord(Level.WARNING, "trust bundle {0} accepted: {1} anchor(s)");
        record.setParameters(new Object[] {"/b.json", 2});
        record.setLoggerName("org.openmargo.wfm.identity.TrustBundleSource");
        record.setInstant(java.time.Instant.parse("2026-12-05T10:00:00Z"));

        String line = formatter.format(record);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonObject json = parse(line);
        assertThat(json.getString("time")).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(json.getString("level")).isEqualTo("WARNING");
        assertThat(json.getString("logger")).isEqualTo("org.openmargo.wfm.identity.TrustBundleSource");
        assertThat(json.getString("message")).isEqualTo("trust bundle /b.json accepted: 2 anchor(s)");
    }

    @Test
    void format_mapParameter_fieldsAtTopLevelTypedAndReservedNamesKept() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", "17");
        fields.put("status", 304);
        fields.put("durationMs", 0.25);
        fields.put("level", "forged");
        LogRecord record = new LogRecord(Level.INFO, "device request {requestId=17}");
        record.setParameters(new Object[] {fields});
        record.setLoggerName("org.openmargo.wfm.requests");

        JsonObject json = parse(formatter.format(record));

        assertThat(json.getString("requestId")).isEqualTo("17");
        assertThat(json.getInt("status")).isEqualTo(304);
        assertThat(json.getJsonNumber("durationMs").doubleValue()).isEqualTo(0.25);
        assertThat(json.getString("level")).isEqualTo("INFO");
        assertThat(json.getString("message")).isEqualTo("device request {requestId=17}");
    }

    @Test
    void format_thrown_stackTraceAsOneStringField() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed \"quoted\"\nsecond line");
        record.setThrown(new IllegalStateException("boom"));

        String line = formatter.format(record);

        assertThat(line.strip()).doesNotContain("\n");
        JsonObject json = parse(line);
        assertThat(json.getString("message")).isEqualTo("failed \"quoted\"\nsecond line");
        assertThat(json.getString("exception")).startsWith("java.lang.IllegalStateException: boom");
    }

    private static JsonObject parse(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}
