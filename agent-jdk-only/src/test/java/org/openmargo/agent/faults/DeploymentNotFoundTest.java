package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.AgentState;

/**
 * A 404 on a deployment YAML is "not available now" (spec c.7): it never removes an applied deployment. Only an
 * accepted manifest that no longer lists a deployment removes it.
 */
class DeploymentNotFoundTest extends FaultScenario {
    private static final Release.Deployment A = Release.Deployment.of("8c0e2a4b-6d8f-4a1c-9e3b-5d7f9b1d3f5a", "1.0.0",
            "db");
    private static final Release.Deployment B = Release.Deployment.of("1f3b5d7e-9a0c-4e2d-8b4f-6a8c0e2b4d6f", "1.0.0",
            "web");

    @Test
    void sync_yamlAnswers404_neverRemovesAnAppliedDeploymentUntilAManifestDropsIt() throws Exception {
        server.publish(Release.of(1, A, B));
        agent.pass();
        AgentState applied = agent.saved();
        Map<String, String> files = StateFiles.snapshot(dir.resolve("agent-state/state"));
        int statuses = server.statuses().size();
        Release.Deployment newB = Release.Deployment.of(B.id(), "1.1.0", "web");
        server.publish(Release.of(2, A, newB));
        server.override(get(urlPathEqualTo(newB.url())).willReturn(aResponse().withStatus(404)));

        for (int pass = 0; pass < 3; pass++) {
            agent.pass();
            assertThat(agent.lastSyncResult()).isEqualTo("unavailable: " + newB.url() + " answered 404");
        }

        assertThat(applied.applied()).containsOnlyKeys(A.id(), B.id());
        assertThat(agent.saved()).isEqualTo(applied);
        assertThat(StateFiles.snapshot(dir.resolve("agent-state/state"))).isEqualTo(files);
        assertThat(server.statuses()).hasSize(statuses);

        server.clearOverrides();
        server.publish(Release.of(3, newB));
        agent.pass();

        assertThat(agent.saved().applied()).containsOnlyKeys(B.id());
        assertThat(agent.saved().applied().get(B.id()).digest()).isEqualTo(newB.digest());
        assertThat(StatusBody.parseAll(server.statuses().subList(statuses, server.statuses().size())))
                .containsExactly(new StatusBody(A.id(), 3, "removed"), new StatusBody(B.id(), 3, "installed"));
    }
}
