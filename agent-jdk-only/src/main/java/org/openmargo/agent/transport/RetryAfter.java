package org.openmargo.agent.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses {@code Retry-After} values and IMF-fixdate HTTP dates (RFC 9110 §5.6.7, §10.2.3). */
final class RetryAfter {
    private static final int MAX_DIGITS = 18;

    private RetryAfter() {
    }

    /** The delay {@code value} asks for, seen from {@code now}; never negative. */
    static Optional<Duration> parse(String value, Instant now) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > MAX_DIGITS ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        return httpDate(text).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    /** An IMF-fixdate such as {@code Sun, 06 Nov 1994 08:49:37 GMT}; the obsolete forms are not accepted. */
    static Optional<Instant> httpDate(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
