package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;

/**
 * The problem's {@code backoffStrategy} (spec g, h) over real mTLS: the rig's backoff is 10 s doubling up to 10 min
 * with 10 % jitter; the WFM's strategy replaces it.
 */
class BackoffStrategyTest extends FaultScenario {
    private static final String MANIFEST = "/api/v1/deployments";
    private static final Release.Deployment A =
            Release.Deployment.of("7b2e4c6a-8d0f-4a1b-9c3d-5e7f9a1b3c5d", "1.0.0", "db");

    @Test
    void poll_503Fixed30Seconds_sameSpacingOverFiveFailures() throws Exception {
        server.override(get(urlPathEqualTo(MANIFEST)).willReturn(problem(503, Map.of(),
                "{\"retryable\":true,\"retryAfterSeconds\":30,\"backoffStrategy\":\"fixed\"}")));

        List<Duration> gaps = gaps(MANIFEST, 6);

        // [30 s − 10 %, 30 s + 10 %], raised to the 30 s the WFM named: the configured backoff would reach 160 s.
        assertThat(gaps).hasSize(5).allSatisfy(gap -> assertThat(gap)
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33)));
    }

    @Test
    void poll_503Exponential20Seconds_growsFromTwentySeconds() throws Exception {
        server.override(get(urlPathEqualTo(MANIFEST)).willReturn(problem(503, Map.of(),
                "{\"retryable\":true,\"retryAfterSeconds\":20,\"backoffStrategy\":\"exponential\"}")));

        List<Duration> gaps = gaps(MANIFEST, 6);

        // Gap n: 20 s × 2^(n-1) ± 10 %, never below 20 s (the configured backoff would start at 10 s).
        assertThat(gaps).hasSize(5);
        for (int n = 1; n <= 5; n++) {
            Duration base = Duration.ofSeconds(20L << (n - 1));
            Duration low = n == 1 ? base : base.minus(base.dividedBy(10));
            assertThat(gaps.get(n - 1)).as("gap after failure %d", n).isBetween(low, base.plus(base.dividedBy(10)));
        }
    }

    @Test
    void status_503NotRetryableWithRetryAfter_neverSentBeforeTheWait() throws Exception {
        server.publish(Release.of(1, A));
        String status = "/api/v1/deployments/" + A.id() + "/status";
        server.override(post(urlPathEqualTo(status))
                .willReturn(problem(503, Map.of("Retry-After", "60"), "{\"retryable\":false}")));

        List<Duration> gaps = gaps(status, 6);

        // Configured backoff 10, 20, 40, 80, 160 s (± 10 %), never before the 60 s Retry-After (+ up to 10 %).
        assertThat(gaps).hasSize(5);
        assertThat(gaps.subList(0, 3)).allSatisfy(gap -> assertThat(gap)
                .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(66)));
        assertThat(gaps.get(3)).isBetween(Duration.ofSeconds(72), Duration.ofSeconds(88));
        assertThat(gaps.get(4)).isBetween(Duration.ofSeconds(144), Duration.ofSeconds(176));
    }

    /** Runs passes until {@code requests} requests for {@code path} arrived; the gaps between them. */
    private List<Duration> gaps(String path, int requests) throws InterruptedException {
        List<Instant> at = List.of();
        for (int pass = 0; pass < 100 && at.size() < requests; pass++) {
            agent.pass();
            at = server.requests().stream().filter(r -> r.path().equals(path)).map(FaultServer.Request::at).toList();
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            gaps.add(Duration.between(at.get(i - 1), at.get(i)));
        }
        return gaps;
    }

    private static ResponseDefinitionBuilder problem(int status, Map<String, String> headers, String json) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json").withBody(json);
        headers.forEach(answer::withHeader);
        return answer;
    }
}
