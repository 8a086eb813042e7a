package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.compose.Deployments.parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;

class ComposeRuntimeParametersTest {
    @TempDir
    Path dir;
    private ComposeStandIn compose;
    private ComposeRuntime runtime;

    @BeforeEach
    void setUp() {
        compose = new ComposeStandIn(dir);
        runtime = new ComposeRuntime(new ComposeSettings(compose.command(), false, Duration.ofSeconds(1)),
                new CommandRunner(Duration.ofMillis(400)), Deployments.STORED, dir.resolve("compose-work"));
    }

    @Test
    void apply_parameters_areEnvironmentVariablesOfTheListedComponentsAndTheEarlierOnesInTheModel() {
        Map<String, DeploymentSpec.Parameter> parameters = new LinkedHashMap<>();
        parameters.put("greeting", parameter(new JsonString("hello world"), "GREETING", "db"));
        parameters.put("port", parameter(new JsonNumber("8080"), "API_PORT", "api"));
        parameters.put("ratio", parameter(new JsonNumber("0.25"), "RATIO", "api"));
        parameters.put("debug", parameter(new JsonBool(true), "DEBUG", "db", "api"));
        parameters.put("hosts", parameter(new JsonArray(List.of(new JsonString("a"), new JsonNumber("3"))),
                "HOSTS", "ui"));
        DeploymentSpec deployment = Deployments.of(Deployments.three(true), parameters);

        applyAll(deployment);

        List<ComposeStandIn.Call> calls = compose.calls();
        assertThat(calls.get(0).environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GREETING", "hello world", "DEBUG", "true"));
        assertThat(calls.get(1).environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GREETING", "hello world", "DEBUG", "true", "API_PORT", "8080", "RATIO", "0.25"));
        assertThat(calls.get(2).environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GREETING", "hello world", "DEBUG", "true", "API_PORT", "8080", "RATIO", "0.25",
                "HOSTS", "[\"a\",3]"));
    }

    @Test
    void apply_samePointerWithTwoValues_failsWithParameterConflictWithoutCallingCompose() {
        Map<String, DeploymentSpec.Parameter> parameters = new LinkedHashMap<>();
        parameters.put("dbPort", parameter(new JsonNumber("5432"), "PORT", "db"));
        parameters.put("apiPort", parameter(new JsonNumber("8080"), "PORT", "api"));
        DeploymentSpec deployment = Deployments.of(Deployments.three(true), parameters);
        ComponentSpec api = deployment.components().get(1);

        ComponentResult result = runtime.apply(deployment, api, deployment.valuesFor("api"), api.timeout());

        assertThat(result).isEqualTo(new ComponentResult.Failed("COMPOSE_PARAMETER_CONFLICT",
                "environment variable PORT has different values for components of one Compose project"));
        assertThat(compose.calls()).isEmpty();
    }

    private void applyAll(DeploymentSpec deployment) {
        for (ComponentSpec component : deployment.components()) {
            assertThat(runtime.apply(deployment, component, deployment.valuesFor(component.name()),
                    component.timeout())).isEqualTo(new ComponentResult.Done());
        }
    }
}
