package org.openmargo.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryHintTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type",
            List.of("application/problem+json; charset=utf-8"));

    @Test
    void of_problemWithAllMembers_takesThem() {
        RetryHint hint = RetryHint.of(response(404, PROBLEM,
                "{\"type\":\"x\",\"retryable\":true,\"retryAfterSeconds\":30,\"backoffStrategy\":\"fixed\"}"), CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(true, Optional.of(Duration.ofSeconds(30)),
                Optional.of(RetryHint.Backoff.FIXED)));
    }

    @Test
    void of_retryAfterHeaderAndMember_headerWins() {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/problem+json"),
                "Retry-After", List.of("5"));

        RetryHint hint = RetryHint.of(response(503, headers, "{\"retryAfterSeconds\":60}"), CLOCK);

        assertThat(hint.retryAfter()).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void of_503WithoutBody_retryableWithoutANamedStrategy() {
        RetryHint hint = RetryHint.of(response(503, Map.of(), ""), CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(true, Optional.empty(), Optional.empty()));
    }

    @Test
    void of_400WithMalformedProblem_isNotRetryable() {
        RetryHint hint = RetryHint.of(response(400, PROBLEM, "{\"retryable\":"), CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(false, Optional.empty(), Optional.empty()));
    }

    @Test
    void of_unknownBackoffAndNegativeSeconds_fallBackToTheTable() {
        RetryHint hint = RetryHint.of(response(429, PROBLEM,
                "{\"backoffStrategy\":\"linear\",\"retryAfterSeconds\":-1}"), CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(true, Optional.empty(), Optional.empty()));
    }

    @Test
    void of_exponentialWithRetryAfterSeconds_takesBoth() {
        RetryHint hint = RetryHint.of(response(503, PROBLEM,
                "{\"retryable\":true,\"retryAfterSeconds\":20,\"backoffStrategy\":\"exponential\"}"), CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(true, Optional.of(Duration.ofSeconds(20)),
                Optional.of(RetryHint.Backoff.EXPONENTIAL)));
    }

    @Test
    void of_strategyNoneOnA503_isNotRetryableEvenIfTheProblemSaysRetryable() {
        RetryHint hint = RetryHint.of(response(503, PROBLEM, "{\"retryable\":true,\"backoffStrategy\":\"none\"}"),
                CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(false, Optional.empty(), Optional.of(RetryHint.Backoff.NONE)));
    }

    @Test
    void of_503RetryableFalseWithRetryAfter_keepsTheWait() {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/problem+json"),
                "Retry-After", List.of("90"));

        RetryHint hint = RetryHint.of(response(503, headers, "{\"retryable\":false}"), CLOCK);

        assertThat(hint).isEqualTo(new RetryHint(false, Optional.of(Duration.ofSeconds(90)), Optional.empty()));
    }

    @Test
    void of_problemMembersWithoutProblemContentType_areIgnored() {
        RetryHint hint = RetryHint.of(response(503, Map.of("Content-Type", List.of("application/json")),
                "{\"retryable\":false,\"backoffStrategy\":\"fixed\",\"retryAfterSeconds\":5}"), CLOCK);

        assertThat(hint).isEqualTo(RetryHint.silent());
    }

    @Test
    void of_retryAfterHttpDate_measuredAgainstTheClock() {
        RetryHint hint = RetryHint.of(response(429, Map.of("Retry-After", List.of("Fri, 27 Nov 2026 10:02:00 GMT")),
                ""), CLOCK);

        assertThat(hint.retryAfter()).hasValue(Duration.ofMinutes(2));
    }

    private static WfmResponse response(int status, Map<String, List<String>> headers, String body) {
        return new WfmResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
