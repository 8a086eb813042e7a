package org.openmargo.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfter_deltaSeconds_isThatManySeconds() {
        assertThat(response(Map.of("retry-after", List.of(" 120 "))).retryAfter(CLOCK)).hasValue(Duration.ofSeconds(120));
    }

    @Test
    void retryAfter_httpDate_isMeasuredFromTheClock() {
        assertThat(response(Map.of("Retry-After", List.of("Fri, 27 Nov 2026 10:01:30 GMT"))).retryAfter(CLOCK))
                .hasValue(Duration.ofSeconds(90));
    }

    @Test
    void retryAfter_httpDateWithServerDateHeader_isMeasuredFromTheServerDate() {
        WfmResponse response = response(Map.of("Retry-After", List.of("Fri, 27 Nov 2026 12:00:30 GMT"),
                "Date", List.of("Fri, 27 Nov 2026 12:00:00 GMT")));

        assertThat(response.retryAfter(CLOCK)).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void retryAfter_httpDateInThePast_isZero() {
        assertThat(response(Map.of("Retry-After", List.of("Fri, 27 Nov 2026 09:00:00 GMT"))).retryAfter(CLOCK))
                .hasValue(Duration.ZERO);
    }

    @Test
    void retryAfter_malformedNegativeOrAbsent_isEmpty() {
        assertThat(response(Map.of("Retry-After", List.of("-5"))).retryAfter(CLOCK)).isEmpty();
        assertThat(response(Map.of("Retry-After", List.of("soon"))).retryAfter(CLOCK)).isEmpty();
        assertThat(response(Map.of("Retry-After", List.of("9".repeat(30)))).retryAfter(CLOCK)).isEmpty();
        assertThat(response(Map.of()).retryAfter(CLOCK)).isEmpty();
    }

    @Test
    void header_anyCase_findsTheFirstValue() {
        assertThat(response(Map.of("ETag", List.of("\"a\"", "\"b\""))).header("etag")).hasValue("\"a\"");
    }

    private static WfmResponse response(Map<String, List<String>> headers) {
        return new WfmResponse(503, headers, new byte[0]);
    }
}
