package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.state.ComponentState;

/** The container states a v1 Compose CLI gives through {@code docker inspect}. */
class ContainerInspectTest {

    private static String container(String service, String status, String health, int exitCode) {
        String labels = service == null ? "{}" : "{\"com.docker.compose.project\":\"p\","
                + "\"com.docker.compose.service\":\"" + service + "\"}";
        String healthJson = health.isEmpty() ? "" : ",\"Health\":{\"Status\":\"" + health + "\",\"Log\":[]}";
        return "{\"Id\":\"abc\",\"State\":{\"Status\":\"" + status + "\",\"Running\":true,\"ExitCode\":" + exitCode
                + healthJson + "},\"Config\":{\"Image\":\"x\",\"Labels\":" + labels + "}}";
    }

    @Test
    void parseInspect_arrayOfContainers_readsServiceStateHealthAndExitCode() throws Exception {
        String out = "[" + container("db", "running", "healthy", 0) + "," + container("job", "exited", "", 3) + ","
                + container(null, "running", "", 0) + "]\n";

        assertThat(Container.parseInspect(out)).containsExactly(new Container("db", "running", "healthy", 0),
                new Container("job", "exited", "", 3));
    }

    @Test
    void parseInspect_statesOfAComponent_followTheSameRulesAsV2() throws Exception {
        assertThat(Container.stateOf(Container.parseInspect("[" + container("db", "running", "", 0) + "]")))
                .contains(ComponentState.INSTALLED);
        assertThat(Container.stateOf(Container.parseInspect("[" + container("db", "running", "unhealthy", 0) + "]")))
                .contains(ComponentState.FAILED);
        assertThat(Container.stateOf(Container.parseInspect("[" + container("db", "restarting", "", 1) + "]")))
                .contains(ComponentState.INSTALLING);
    }

    @Test
    void parseInspect_notJson_fails() {
        assertThatThrownBy(() -> Container.parseInspect("Error: No such object: abc"))
                .isInstanceOf(JsonParseException.class);
    }
}
