package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.AgentState;

/**
 * Bodies cut short: a manifest or bundle whose connection closes before its Content-Length is reached, and a bundle
 * the WFM published as a truncated gzip. None is accepted, the previous state stays, and the next attempt (on the
 * failure backoff, 10 s ± 10 %) accepts the complete bytes.
 */
class TruncatedResponseTest extends FaultScenario {
    private static final Release.Deployment A = Release.Deployment.of("7a1d3f5e-2b4c-4e6a-8f0b-3c5d7e9a1b2c", "1.0.0",
            "db");

    private AgentState accepted;
    private Map<String, String> files;

    @BeforeEach
    void startWithVersion1() throws Exception {
        server.publish(Release.of(1, A));
        agent.pass();
        accepted = agent.saved();
        files = StateFiles.snapshot(dir.resolve("agent-state/state"));
    }

    @Test
    void sync_manifestCutShort_acceptsNothingAndRetriesOnTheBackoff() throws Exception {
        Release two = Release.of(2, Release.Deployment.of(A.id(), "1.1.0", "db"));
        server.publish(two);
        server.override(get(urlPathEqualTo("/api/v1/deployments")).willReturn(cutShort(two.manifest())
                .withHeader("Content-Type", Release.MANIFEST_TYPE).withHeader("ETag", two.etag())));

        assertRefusedThenAcceptedOnRetry("unavailable: manifest request failed: ", 2);
    }

    @Test
    void sync_bundleCutShort_acceptsNothingAndRetriesOnTheBackoff() throws Exception {
        Release two = largeChange();
        byte[] bundle = two.artifacts().get(two.bundleUrl());
        server.override(get(urlPathEqualTo(two.bundleUrl())).willReturn(cutShort(bundle)
                .withHeader("Content-Type", "application/octet-stream")));

        assertRefusedThenAcceptedOnRetry("unavailable: " + two.bundleUrl() + " failed: ", 2);
    }

    @Test
    void sync_bundleIsATruncatedGzip_isRefusedAndTheCompleteBundleAcceptedLater() throws Exception {
        Release complete = largeChange();
        byte[] bundle = complete.artifacts().get(complete.bundleUrl());
        byte[] truncated = Arrays.copyOf(bundle, bundle.length - 20);
        server.publish(Release.withBundle(2, truncated, complete.deployments().toArray(Release.Deployment[]::new)));
        agent.pass();
        server.publish(Release.of(3, complete.deployments().toArray(Release.Deployment[]::new)));

        assertThat(agent.lastSyncResult()).startsWith("rejected: bundle refused: ");
        assertUnchanged();
        agent.pass();
        assertThat(agent.saved().manifest().orElseThrow().version()).isEqualTo(3);
    }

    /** A 200 whose head announces all of {@code whole} and whose body stops halfway, then the connection closes. */
    private static ResponseDefinitionBuilder cutShort(byte[] whole) {
        return aResponse().withStatus(200).withHeader("Content-Length", Integer.toString(whole.length))
                .withBody(Arrays.copyOf(whole, whole.length / 2));
    }

    /** Version 2 adds four deployments: more than three changed, so the agent fetches the bundle (spec c.6). */
    private Release largeChange() {
        Release two = Release.of(2, A, Release.Deployment.of("1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", "1.0.0", "web"),
                Release.Deployment.of("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", "1.0.0", "web"),
                Release.Deployment.of("3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a", "1.0.0", "web"),
                Release.Deployment.of("4e5f6a7b-8c9d-4e0f-9a2b-3c4d5e6f7a8b", "1.0.0", "web"));
        server.publish(two);
        return two;
    }

    private void assertRefusedThenAcceptedOnRetry(String reason, long version) throws Exception {
        Instant failedAt = agent.clock.instant();
        Instant retry = agent.pass();

        assertThat(agent.lastSyncResult()).startsWith(reason);
        assertUnchanged();
        assertThat(Duration.between(failedAt, retry)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));

        server.clearOverrides();
        agent.pass();

        assertThat(server.requests().stream().filter(r -> r.path().equals("/api/v1/deployments")).toList().getLast()
                .at()).isEqualTo(retry);
        assertThat(agent.saved().manifest().orElseThrow().version()).isEqualTo(version);
        assertThat(agent.saved().applied().keySet()).isEqualTo(server.published().deployments().stream()
                .map(Release.Deployment::id).collect(java.util.stream.Collectors.toSet()));
    }

    private void assertUnchanged() throws Exception {
        assertThat(agent.cycle.state()).isEqualTo(accepted);
        assertThat(agent.saved()).isEqualTo(accepted);
        assertThat(StateFiles.snapshot(dir.resolve("agent-state/state"))).isEqualTo(files);
    }
}
