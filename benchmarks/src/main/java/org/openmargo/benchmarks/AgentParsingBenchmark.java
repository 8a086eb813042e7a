package org.openmargo.benchmarks;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.yaml.Yaml;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The agent's parsing on a sync: a State Manifest of 100 deployments (JSON) and one ApplicationDeployment (YAML),
 * with the JDK-only parsers. Baselines are the libraries the agent must not depend on but that the WFM uses:
 * jakarta.json (through Helidon's JSON-P media support) and SnakeYAML's safe loader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AgentParsingBenchmark {
    private static final String DEPLOYMENT = """
            # ApplicationDeployment (rc.3)
            ---
            id: a3e2f5dc-912e-494f-8395-52cf3769bc06
            metadata:
              name: digitron-orchestrator-deployment
              namespace: margo-poc
              deviceId: "gateway1/deviceA"
            spec:
              applicationId: com-northstartida-digitron-orchestrator
              deploymentProfile:
                type: helm
                components:
                  - name: database-services
                    properties:
                      repository: oci://quay.io/charts/realtime-database-services
                      revision: 2.3.7
                      timeout: 8m30s
                      wait: true
                  - name: digitron-orchestrator
                    properties:
                      repository: oci://northstarida.azurecr.io/charts/northstarida-digitron-orchestrator
                      revision: 1.0.9
                      wait: true
                deviceConstraints:
                  capacityRequirements:
                    cpu: {cores: 2, architectures: [amd64, arm64]}
                    memory: "1024Mi"
                    storage: "5Gi"
              parameters:
                adminName:
                  value: Some One
                  targets:
                    - pointer: administrator.name
                      components: [digitron-orchestrator]
                cpuLimit:
                  value: "4"
                  targets:
                    - pointer: settings.limits.cpu
                      components: [digitron-orchestrator]
                pollFrequency:
                  value: 120
                  targets:
                    - pointer: settings.pollFrequency
                      components:
                        - digitron-orchestrator
                        - database-services
            """;

    private byte[] manifestJson;
    private byte[] deploymentYaml;

    @Setup
    public void setUp() {
        StringBuilder json = new StringBuilder("{\"manifestVersion\":18446744073709551615,\"bundle\":{\"mediaType\":"
                + "\"application/vnd.margo.bundle.v1+tar+gzip\",\"digest\":\"sha256:" + "b".repeat(64)
                + "\",\"sizeBytes\":123456,\"url\":\"/api/v1/bundles/sha256:" + "b".repeat(64) + "\"},\"deployments\":[");
        for (int i = 0; i < 100; i++) {
            String id = new UUID(i, i * 31L).toString();
            String digest = "sha256:" + String.format("%064x", i * 7919L);
            json.append(i == 0 ? "" : ",").append("{\"deploymentId\":\"").append(id).append("\",\"digest\":\"")
                    .append(digest).append("\",\"sizeBytes\":").append(2000 + i).append(",\"url\":\"/api/v1/deployments/")
                    .append(id).append('/').append(digest).append("\"}");
        }
        manifestJson = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        deploymentYaml = DEPLOYMENT.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public void manifestJson(Blackhole blackhole) throws Exception {
        blackhole.consume(Json.parse(manifestJson));
    }

    @Benchmark
    public void manifestJsonBaselineJakarta(Blackhole blackhole) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new StringReader(
                new String(manifestJson, StandardCharsets.UTF_8)))) {
            blackhole.consume(reader.readValue());
        }
    }

    @Benchmark
    public void deploymentYaml(Blackhole blackhole) throws Exception {
        blackhole.consume(Yaml.parse(deploymentYaml));
    }

    @Benchmark
    public void deploymentYamlBaselineSnakeYaml(Blackhole blackhole) {
        org.yaml.snakeyaml.Yaml snake = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
        blackhole.consume(snake.load(new String(deploymentYaml, StandardCharsets.UTF_8)));
    }
}
