package org.openmargo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.sync.ManifestDiff;
import org.openmargo.agent.sync.ManifestDocument;

/**
 * The agent's work when a manifest of 1,000 deployments arrives of which 10 changed: parse and check the manifest,
 * then diff it against the agent state (which YAMLs to fetch, the new desired set, what disappeared).
 * {@code naiveDiff} is the baseline a simple implementation would have: for every reference, a linear search of the
 * held deployments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestDiffBenchmark {
    private static final int DEPLOYMENTS = 1_000;
    private static final int CHANGED = 10;

    private byte[] manifestJson;
    private ManifestDocument parsed;
    private AgentState state;
    private List<String[]> heldPairs;

    @Setup
    public void setUp() throws Exception {
        Map<String, AgentState.Desired> desired = new LinkedHashMap<>();
        heldPairs = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"bundle\":{\"digest\":\"sha256:" + "b".repeat(64)
                + "\",\"mediaType\":\"application/vnd.margo.bundle.v1+tar+gzip\",\"url\":\"/api/v1/bundles/sha256:"
                + "b".repeat(64) + "\"},\"deployments\":[");
        AgentState s = AgentState.empty();
        List<AgentState.Blob> blobs = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENTS; i++) {
            String id = new UUID(0x4b0c3e1a2f6d4c1eL, i).toString();
            AgentState.Blob held = AgentState.Blob.ofUtf8("id: " + id + "\nrevision: 1\n");
            AgentState.Blob served = i < CHANGED ? AgentState.Blob.ofUtf8("id: " + id + "\nrevision: 2\n") : held;
            desired.put(id, new AgentState.Desired(held.digest(), 7));
            heldPairs.add(new String[] {id, held.digest()});
            blobs.add(held);
            json.append(i == 0 ? "" : ",").append("{\"deploymentId\":\"").append(id).append("\",\"digest\":\"")
                    .append(served.digest()).append("\",\"sizeBytes\":40,\"url\":\"/api/v1/deployments/").append(id)
                    .append('/').append(served.digest()).append("\"}");
        }
        json.append("],\"manifestVersion\":8}");
        s = s.withManifest(new AgentState.Manifest(7, "\"sha256:" + HexFormat.of().formatHex(new byte[32]) + "\"",
                Optional.empty())).withDesired(desired);
        for (AgentState.Blob b : blobs) {
            s = s.withYaml(b);
        }
        state = s;
        manifestJson = json.toString().getBytes(StandardCharsets.UTF_8);
        parsed = ManifestDocument.of(Json.parse(manifestJson));
    }

    /** Parse and check the manifest JSON, then diff it. */
    @Benchmark
    public void parseAndDiff(Blackhole bh) throws Exception {
        ManifestDocument doc = ManifestDocument.of(Json.parse(manifestJson));
        bh.consume(ManifestDiff.of(state, doc));
    }

    /** Only the diff of an already parsed manifest. */
    @Benchmark
    public void diff(Blackhole bh) {
        bh.consume(ManifestDiff.of(state, parsed));
    }

    /** Baseline: linear search of the held (id, digest) pairs for every reference. */
    @Benchmark
    public void naiveDiff(Blackhole bh) {
        int missing = 0;
        for (ManifestDocument.Ref ref : parsed.deployments()) {
            boolean held = false;
            for (String[] pair : heldPairs) {
                if (pair[0].equals(ref.deploymentId()) && pair[1].equals(ref.digest())) {
                    held = true;
                    break;
                }
            }
            missing += held ? 0 : 1;
        }
        bh.consume(missing);
    }
}
