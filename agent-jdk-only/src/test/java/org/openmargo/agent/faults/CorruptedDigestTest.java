package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.AgentState;

/** A YAML whose bytes do not hash to the manifest's digest (spec c.3, c.7 step 8): refused, nothing changes. */
class CorruptedDigestTest extends FaultScenario {
    private static final String A = "0b7c1e52-9a43-4f0e-8d21-6c5a3e9f1b70";

    @Test
    void sync_yamlBytesDoNotMatchTheDigest_keepsThePreviousStateAndAcceptsTheCorrectBytesLater() throws Exception {
        server.publish(Release.of(1, Release.Deployment.of(A, "1.0.0", "db")));
        agent.pass();
        AgentState before = agent.saved();
        Map<String, String> filesBefore = StateFiles.snapshot(dir.resolve("agent-state/state"));
        int statusesBefore = server.statuses().size();
        Release.Deployment changed = Release.Deployment.of(A, "1.1.0", "db");
        server.publish(Release.of(2, changed));
        byte[] corrupted = changed.yaml().replace("1.1.0", "6.6.6").getBytes(StandardCharsets.UTF_8);
        server.override(get(urlPathEqualTo(changed.url())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/yaml").withBody(corrupted)));

        agent.pass();

        assertThat(agent.lastSyncResult()).isEqualTo("rejected: " + changed.url() + " does not hash to its digest");
        assertThat(before.manifest().orElseThrow().version()).isEqualTo(1);
        assertThat(agent.cycle.state()).isEqualTo(before);
        assertThat(agent.saved()).isEqualTo(before);
        assertThat(StateFiles.snapshot(dir.resolve("agent-state/state"))).isEqualTo(filesBefore);
        assertThat(server.statuses()).hasSize(statusesBefore);

        server.clearOverrides();
        agent.pass();

        AgentState after = agent.saved();
        assertThat(after.manifest().orElseThrow().version()).isEqualTo(2);
        assertThat(after.manifest().orElseThrow().etag()).isEqualTo(server.published().etag());
        assertThat(after.applied().get(A).digest()).isEqualTo(changed.digest());
        assertThat(server.statuses().getLast()).contains("\"adoptedManifestVersion\":2")
                .contains("\"status\":{\"state\":\"installed\"}");
    }
}
