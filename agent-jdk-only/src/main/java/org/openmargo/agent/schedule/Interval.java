package org.openmargo.agent.schedule;

import java.time.Instant;

/** A half-open span of time {@code [start, end)}; empty when {@code end} is not after {@code start}. */
record Interval(Instant start, Instant end) {
    boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    boolean isEmpty() {
        return !end.isAfter(start);
    }
}
