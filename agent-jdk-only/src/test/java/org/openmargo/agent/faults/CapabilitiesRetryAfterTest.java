package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A WFM that throttles the capabilities report (429 with {@code Retry-After}, spec g) gets no request at all before
 * that time: the pass stops at the report instead of going on to the manifest poll, and the next pass waits.
 */
class CapabilitiesRetryAfterTest extends FaultScenario {
    private static final String CAPABILITIES = "/api/v1/capabilities/" + Release.DEVICE;
    private static final String MANIFEST = "/api/v1/deployments";

    @Test
    void capabilities_429WithRetryAfter_noRequestBeforeItThenPollsAgain() throws Exception {
        server.override(put(urlPathEqualTo(CAPABILITIES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/problem+json")
                .withBody("{\"retryable\":true}")));

        for (int pass = 0; pass < 3; pass++) {
            agent.pass();
        }
        List<Instant> throttled = at(CAPABILITIES);
        assertThat(throttled).hasSize(3);
        for (int i = 1; i < throttled.size(); i++) {
            assertThat(Duration.between(throttled.get(i - 1), throttled.get(i))).as("gap %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(120));
        }
        assertThat(at(MANIFEST)).as("no manifest poll while throttled").isEmpty();

        server.clearOverrides();
        agent.pass();

        assertThat(at(CAPABILITIES)).hasSize(4);
        assertThat(at(MANIFEST)).hasSize(1);
        assertThat(Duration.between(throttled.getLast(), at(MANIFEST).getFirst()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(120));
    }

    private List<Instant> at(String path) {
        return server.requests().stream().filter(r -> r.path().equals(path)).map(FaultServer.Request::at).toList();
    }
}
