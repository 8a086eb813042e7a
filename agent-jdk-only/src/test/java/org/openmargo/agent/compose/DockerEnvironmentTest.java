package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DockerEnvironmentTest {

    @Test
    void with_agentsDockerSettings_arePassedOnAndWinOverParameters() {
        Map<String, String> out = DockerEnvironment.with(Map.of("GREETING", "hi", "DOCKER_HOST", "tcp://evil:2375"),
                Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock", "DOCKER_CONFIG", "/etc/agent/docker",
                        "HOME", "/root", "SECRET", "x"));

        assertThat(out).isEqualTo(Map.of("GREETING", "hi", "DOCKER_HOST", "unix:///run/user/1000/docker.sock",
                "DOCKER_CONFIG", "/etc/agent/docker"));
    }
}
