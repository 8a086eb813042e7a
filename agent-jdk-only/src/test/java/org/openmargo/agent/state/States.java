package org.openmargo.agent.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sample states for the store tests. */
final class States {
    static final AgentState.Blob YAML_A1 = AgentState.Blob.ofUtf8("id: a\nrevision: 1\n");
    static final AgentState.Blob YAML_A2 = AgentState.Blob.ofUtf8("id: a\nrevision: 2\n");
    static final AgentState.Blob YAML_B1 = AgentState.Blob.ofUtf8("id: b\nrevision: 1\n");
    static final AgentState.Blob YAML_C1 = AgentState.Blob.ofUtf8("id: c\nrevision: 1\n");
    static final AgentState.Blob MANIFEST_7 = AgentState.Blob.ofUtf8("{\"manifestVersion\":7}");
    static final AgentState.Blob MANIFEST_8 = AgentState.Blob.ofUtf8("{\"manifestVersion\":8}");

    private States() {
    }

    /** Version 7: a and b desired and installed. */
    static AgentState old() {
        return AgentState.empty()
                .withManifest(new AgentState.Manifest(7, "\"" + MANIFEST_7.digest() + "\"", Optional.of(MANIFEST_7)))
                .withDesired(Map.of("a", new AgentState.Desired(YAML_A1.digest(), 3),
                        "b", new AgentState.Desired(YAML_B1.digest(), 7)))
                .withApplied("a", installed(YAML_A1, 3))
                .withApplied("b", installed(YAML_B1, 7))
                .withYaml(YAML_A1).withYaml(YAML_B1);
    }

    /** Version 8 (uint64 above Long.MAX_VALUE): a updated, b dropped and failing removal, c new. */
    static AgentState next() {
        long v8 = Long.parseUnsignedLong("18446744073709551615");
        return AgentState.empty()
                .withManifest(new AgentState.Manifest(v8, "\"" + MANIFEST_8.digest() + "\"", Optional.of(MANIFEST_8)))
                .withDesired(Map.of("a", new AgentState.Desired(YAML_A2.digest(), v8),
                        "c", new AgentState.Desired(YAML_C1.digest(), v8)))
                .withApplied("a", installed(YAML_A1, 3))
                .withApplied("b", new AgentState.Applied(YAML_B1.digest(), v8, List.of(
                        ComponentStatus.failed("web", new StatusError("TIMEOUT", "web", "no \"ready\" in 10m0s")),
                        ComponentStatus.of("db", ComponentState.REMOVED))))
                .withYaml(YAML_A1).withYaml(YAML_A2).withYaml(YAML_B1).withYaml(YAML_C1);
    }

    static AgentState.Applied installed(AgentState.Blob yaml, long version) {
        return new AgentState.Applied(yaml.digest(), version, List.of(
                ComponentStatus.of("web", ComponentState.INSTALLED), ComponentStatus.of("db", ComponentState.INSTALLED)));
    }
}
