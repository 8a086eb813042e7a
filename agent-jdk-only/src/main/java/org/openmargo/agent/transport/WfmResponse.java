package org.openmargo.agent.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One response from the WFM, read completely.
 *
 * @param status  the HTTP status code
 * @param headers the response headers; lookups ignore case
 * @param body    the body exactly as received (no {@code Content-Encoding} is decoded); not copied, do not modify
 */
public record WfmResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public WfmResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), WfmResponse::concat));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of header {@code name}, ignoring the name's case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * How long the WFM asked the agent to wait, from {@code Retry-After} (RFC 9110 §10.2.3): delta-seconds, or an
     * HTTP-date. For a date, the delay is measured against the response's own {@code Date} header when present, so
     * a device with a wrong clock still waits as long as the server meant; otherwise against {@code clock}. A date in
     * the past gives zero. Empty when the header is absent or malformed.
     */
    public Optional<Duration> retryAfter(Clock clock) {
        return header("Retry-After").flatMap(value -> RetryAfter.parse(value,
                header("Date").flatMap(RetryAfter::httpDate).orElseGet(clock::instant)));
    }

    /** {@link #retryAfter(Clock)} with the system clock. */
    public Optional<Duration> retryAfter() {
        return retryAfter(Clock.systemUTC());
    }

    @Override
    public String toString() {
        return "WfmResponse[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
