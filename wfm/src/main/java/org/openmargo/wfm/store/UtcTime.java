package org.openmargo.wfm.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** TIMESTAMP columns hold UTC wall-clock time at microsecond precision, the finest both databases keep. */
final class UtcTime {
    private UtcTime() {
    }

    /** The instant as stored, so that what a store returns equals what it wrote. */
    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static LocalDateTime toColumn(Instant instant) {
        return LocalDateTime.ofInstant(truncate(instant), ZoneOffset.UTC);
    }

    static Instant fromColumn(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC);
    }
}
