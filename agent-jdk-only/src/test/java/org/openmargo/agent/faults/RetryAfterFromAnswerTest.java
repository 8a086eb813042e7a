package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Spec g: no request before {@code Retry-After} has elapsed, counted from when the answer arrived, not from when the
 * pass started. The WFM here "takes" 4 s of the test clock to answer 503 with {@code Retry-After: 7}; the next request
 * on that path must come at least 7 s after the answer, that is 11 s after the request.
 */
class RetryAfterFromAnswerTest extends FaultScenario {
    private static final Duration SLOW = Duration.ofSeconds(4);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(7);
    private static final Release.Deployment A = Release.Deployment.of("6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "1.0.0",
            "db");

    @Test
    void capabilities_slow503WithRetryAfter_nextRequestNotBeforeAnswerPlusRetryAfter() throws Exception {
        String path = "/api/v1/capabilities/" + Release.DEVICE;
        slowThrottleOnce(path);

        passUntilRequests(path, 2);

        Instant answered = firstAnswered(path);
        List<Instant> at = at(path);
        assertThat(at.get(0)).isEqualTo(START);
        assertThat(answered).isEqualTo(START.plus(SLOW));
        assertThat(server.requests()).filteredOn(r -> r.at().isAfter(at.get(0))).extracting(FaultServer.Request::at)
                .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(answered.plus(RETRY_AFTER)));
    }

    @Test
    void manifest_slow503WithRetryAfter_nextPollNotBeforeAnswerPlusRetryAfter() throws Exception {
        slowThrottleOnce("/api/v1/deployments");

        passUntilRequests("/api/v1/deployments", 2);

        Instant answered = firstAnswered("/api/v1/deployments");
        assertThat(answered).isEqualTo(START.plus(SLOW));
        assertThat(at("/api/v1/deployments").get(1)).isAfterOrEqualTo(answered.plus(RETRY_AFTER));
    }

    @Test
    void status_slow503WithRetryAfter_nextPostNotBeforeAnswerPlusRetryAfter() throws Exception {
        server.publish(Release.of(1, A));
        String path = "/api/v1/deployments/" + A.id() + "/status";
        slowThrottleOnce(path);

        passUntilRequests(path, 2);

        List<Instant> posts = at(path);
        Instant answered = firstAnswered(path);
        assertThat(answered).isEqualTo(posts.get(0).plus(SLOW));
        assertThat(posts.get(1)).isAfterOrEqualTo(answered.plus(RETRY_AFTER));
    }

    /** The first request on {@code path} takes {@link #SLOW} of the test clock and is answered 503; later ones not. */
    private void slowThrottleOnce(String path) {
        server.override(FaultServer.slow(any(urlPathEqualTo(path)).inScenario("throttle once")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled")
                .willReturn(aResponse().withStatus(503)
                        .withHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds()))), SLOW));
    }

    /** The test clock's instant when the first request on {@code path} was answered. */
    private Instant firstAnswered(String path) {
        return server.requests().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().answered()
                .orElseThrow();
    }

    private void passUntilRequests(String path, int count) throws InterruptedException {
        for (int pass = 0; pass < 20 && at(path).size() < count; pass++) {
            agent.pass();
        }
        assertThat(at(path)).hasSizeGreaterThanOrEqualTo(count);
    }

    private List<Instant> at(String path) {
        return server.requests().stream().filter(r -> r.path().equals(path)).map(FaultServer.Request::at).toList();
    }
}
