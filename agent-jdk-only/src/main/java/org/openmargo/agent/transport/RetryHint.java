package org.openmargo.agent.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonValue;

/**
 * What an error response says about retrying (spec g, h): the RFC 9457 members {@code retryable},
 * {@code retryAfterSeconds} and {@code backoffStrategy} of an {@code application/problem+json} body, completed by the
 * spec's table where the body is silent or absent: 429, 500 and 503 are retryable, every other error is not. The
 * {@code Retry-After} header wins over {@code retryAfterSeconds}, which is advisory.
 *
 * @param retryable  whether the request may be retried as a transient failure: the problem's {@code retryable}, else
 *                   the table; always false when the problem says {@code backoffStrategy: none} ("do not retry")
 * @param retryAfter the earliest retry, when the WFM named one
 * @param backoff    the problem's {@code backoffStrategy}; empty when it names none (or an unknown one), in which case
 *                   the agent's configured backoff applies, which is the table's exponential backoff
 */
public record RetryHint(boolean retryable, Optional<Duration> retryAfter, Optional<Backoff> backoff) {
    /** The {@code backoffStrategy} values. */
    public enum Backoff { NONE, FIXED, EXPONENTIAL }

    /** What a failure without an answer (connection reset, TLS error, timeout) says: retry, with no wait named. */
    public static RetryHint silent() {
        return new RetryHint(true, Optional.empty(), Optional.empty());
    }

    /** The hint of {@code response}; a malformed problem body counts as absent. Never throws. */
    public static RetryHint of(WfmResponse response, Clock clock) {
        boolean tableRetryable = response.status() == 429 || response.status() == 500 || response.status() == 503;
        JsonObject problem = problem(response).orElse(JsonObject.of(java.util.Map.of()));
        Optional<Backoff> backoff = problem.string("backoffStrategy").flatMap(RetryHint::backoff);
        boolean retryable = problem.bool("retryable").orElse(tableRetryable)
                && !backoff.equals(Optional.of(Backoff.NONE));
        Optional<Duration> after = response.retryAfter(clock).or(() -> problem.number("retryAfterSeconds")
                .flatMap(RetryHint::seconds));
        return new RetryHint(retryable, after, backoff);
    }

    private static Optional<JsonObject> problem(WfmResponse response) {
        boolean isProblem = response.header("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).split(";")[0].trim())
                .filter("application/problem+json"::equals).isPresent();
        if (!isProblem) {
            return Optional.empty();
        }
        try {
            JsonValue value = Json.parse(response.body());
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Backoff> backoff(String text) {
        return switch (text) {
            case "none" -> Optional.of(Backoff.NONE);
            case "fixed" -> Optional.of(Backoff.FIXED);
            case "exponential" -> Optional.of(Backoff.EXPONENTIAL);
            default -> Optional.empty();
        };
    }

    private static Optional<Duration> seconds(JsonNumber number) {
        try {
            long seconds = number.longValueExact();
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
