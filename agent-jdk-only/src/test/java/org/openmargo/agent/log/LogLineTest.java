package org.openmargo.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final Instant AT = Instant.parse("2026-11-27T02:30:27.452917Z");

    @Test
    void format_infoRecordWithParameters_isOneLineOfUtcTimeLevelLoggerAndMessage() {
        LogRecord record = record(Level.INFO, "accepted manifest version {0} with {1} deployment(s)");
        record.setParameters(new Object[] {"7", 3});

        assertThat(new LogLine().format(record)).isEqualTo("2026-11-27T02:30:27.452Z INFO"
                + " org.openmargo.agent.sync.ManifestSync: accepted manifest version 7 with 3 deployment(s)\n");
    }

    @Test
    void format_messageWithLineBreaksAndBackslashes_staysOnOneEscapedLine() {
        String line = new LogLine().format(record(Level.WARNING, "first\nsecond\r\nC:\\dir"));

        assertThat(line).isEqualTo("2026-11-27T02:30:27.452Z WARNING org.openmargo.agent.sync.ManifestSync:"
                + " first\\nsecond\\r\\nC:\\\\dir\n");
        assertThat(line.strip()).matches(LogLine.PATTERN);
    }

    @Test
    void format_recordWithException_appendsTheStackTraceOnTheSameLine() {
        LogRecord record = record(Level.SEVERE, "agent pass failed");
        record.setThrown(new IOException("boom"));

        String line = new LogLine().format(record);

        assertThat(line).startsWith("2026-11-27T02:30:27.452Z SEVERE org.openmargo.agent.sync.ManifestSync:"
                + " agent pass failed | java.io.IOException: boom\\n\tat org.openmargo.agent.log.LogLineTest.")
                .endsWith("\n").containsOnlyOnce("\n");
        assertThat(line.strip()).matches(LogLine.PATTERN);
    }

    @Test
    void pattern_lineOfTheJdkDefaultFormat_doesNotMatch() {
        assertThat("Nov 27, 2026 2:30:27 AM org.openmargo.agent.Agent runtime").doesNotMatch(LogLine.PATTERN);
        assertThat("2026-11-27T02:30:27.452+0000 INFO org.openmargo.agent.Agent: x").doesNotMatch(LogLine.PATTERN);
    }

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setInstant(AT);
        record.setLoggerName("org.openmargo.agent.sync.ManifestSync");
        return record;
    }
}
