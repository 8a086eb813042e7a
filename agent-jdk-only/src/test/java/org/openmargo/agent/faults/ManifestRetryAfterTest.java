package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A 503 with {@code Retry-After: 120} on the manifest (spec g: the client MUST honour it). */
class ManifestRetryAfterTest extends FaultScenario {
    @Test
    void poll_manifestAnswers503WithRetryAfter120_nextAttemptIsNotEarlierThan120SecondsLater() throws Exception {
        server.publish(Release.of(1, Release.Deployment.of("3e5a7c9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d", "1.0.0", "db")));
        server.override(get(urlPathEqualTo("/api/v1/deployments"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        Instant next = agent.cycle.runDue();
        agent.clock.set(START.plusSeconds(119));
        Instant stillNext = agent.cycle.runDue();
        server.clearOverrides();
        agent.clock.set(next);
        agent.cycle.runDue();

        // Upwards jitter only: [120 s, 120 s + 10 %].
        assertThat(Duration.between(START, next)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(132));
        assertThat(stillNext).isEqualTo(next);
        assertThat(server.requests()).filteredOn(r -> r.path().equals("/api/v1/deployments"))
                .extracting(FaultServer.Request::at).containsExactly(START, next);
        assertThat(agent.saved().manifest().orElseThrow().version()).isEqualTo(1);
    }
}
