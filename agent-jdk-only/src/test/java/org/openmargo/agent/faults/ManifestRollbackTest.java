package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.AgentState;

/**
 * After version 5 is accepted, an older version and a different body with the same version are both refused
 * (spec c.7: strictly greater, unsigned), before any artifact is fetched, and the state does not move.
 */
class ManifestRollbackTest extends FaultScenario {
    private static final String A = "9e4f2a17-3c8b-4d6e-b05a-1f7c3e9d2b84";
    private static final String B = "2c6a9f03-8e1d-4b7a-9c54-6d0e2f8a1b39";

    @Test
    void sync_afterVersion5_refusesVersion4AndADifferentVersion5AndKeepsTheState() throws Exception {
        Release five = Release.of(5, Release.Deployment.of(A, "1.0.0", "db"));
        server.publish(five);
        agent.pass();
        AgentState accepted = agent.saved();
        Map<String, String> files = StateFiles.snapshot(dir.resolve("agent-state/state"));
        int requests = server.requests().size();
        int statuses = server.statuses().size();

        server.publish(Release.of(4, Release.Deployment.of(A, "0.9.0", "db"), Release.Deployment.of(B, "1.0.0", "ui")));
        agent.pass();
        String afterFour = agent.lastSyncResult();
        server.publish(Release.of(5, Release.Deployment.of(A, "1.0.0", "db"), Release.Deployment.of(B, "1.0.0", "ui")));
        agent.pass();

        assertThat(afterFour).isEqualTo("rejected: manifestVersion 4 is not greater than the accepted 5");
        assertThat(agent.lastSyncResult()).isEqualTo("rejected: manifestVersion 5 is not greater than the accepted 5");
        assertThat(accepted.manifest().orElseThrow().etag()).isEqualTo(five.etag());
        assertThat(agent.cycle.state()).isEqualTo(accepted);
        assertThat(agent.saved()).isEqualTo(accepted);
        assertThat(StateFiles.snapshot(dir.resolve("agent-state/state"))).isEqualTo(files);
        assertThat(server.statuses()).hasSize(statuses);
        assertThat(server.requests().subList(requests, server.requests().size()))
                .extracting(FaultServer.Request::method, FaultServer.Request::path)
                .containsExactly(tuple("GET", "/api/v1/deployments"), tuple("GET", "/api/v1/deployments"));
        assertThat(server.requests().getLast().ifNoneMatch()).hasValue(five.etag());
    }
}
