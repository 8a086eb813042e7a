package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.AgentState.Blob;

/**
 * A first sync whose bundle carries a path-traversal name or a symbolic link (spec c.6; the tar reader refuses both):
 * the whole manifest is refused, nothing is written outside or inside the state directory, and the agent stays on
 * its empty state until the WFM serves a clean bundle.
 */
class HostileBundleTest extends FaultScenario {
    private static final Release.Deployment A = Release.Deployment.of("5d2e8c41-7b3a-4e9f-a1c6-2f8b0d4e6a13", "1.0.0",
            "db");

    static Stream<Arguments> hostileBundles() {
        int afterA = 512 + (A.bytes().length + 511) / 512 * 512;
        return Stream.of(
                Arguments.of(new TinyTarGz().file("../evil.yaml", A.bytes()).gzip(),
                        "unsafe entry name \"../evil.yaml\" at offset 0"),
                Arguments.of(new TinyTarGz().file(A.id() + ".yaml", A.bytes()).symlink("evil.yaml", "/etc/passwd")
                        .gzip(), "unsupported entry (symbolic link) at offset " + afterA));
    }

    @ParameterizedTest
    @MethodSource("hostileBundles")
    void firstSync_bundleWithTraversalOrSymlink_isRefusedAndNothingIsAccepted(byte[] bundle, String problem)
            throws Exception {
        Release hostile = Release.withBundle(1, bundle, A);
        server.publish(hostile);

        agent.pass();

        assertThat(agent.lastSyncResult()).isEqualTo("rejected: bundle refused: " + problem);
        assertThat(agent.cycle.state()).isEqualTo(AgentState.empty());
        assertThat(agent.saved()).isEqualTo(AgentState.empty());
        assertThat(StateFiles.snapshot(dir.resolve("agent-state/state"))).isEmpty();
        assertThat(server.statuses()).isEmpty();
        assertThat(server.requests()).filteredOn(r -> r.method().equals("GET")).extracting(FaultServer.Request::path)
                .containsExactly("/api/v1/deployments", hostile.bundleUrl());
        // The test's own directory tree, and the one place a "../" entry could reach outside it. Walking the shared
        // parent (/tmp) instead made the test fail whenever another process removed a directory there mid-walk.
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("evil.yaml"))).isEmpty();
        }
        assertThat(dir.getParent().resolve("evil.yaml")).doesNotExist();

        server.publish(Release.of(2, A));
        agent.pass();

        assertThat(agent.saved().manifest().orElseThrow().version()).isEqualTo(2);
        assertThat(agent.saved().applied()).containsOnlyKeys(A.id());
    }

    @Test
    void firstSync_bundleEntryWhoseBytesDoNotMatchItsDigest_isRefusedSayingTheDigestDoesNotMatch() throws Exception {
        byte[] tampered = (A.yaml() + "# tampered\n").getBytes(StandardCharsets.UTF_8);
        server.publish(Release.withBundle(1, new TinyTarGz().file(A.id() + ".yaml", tampered).gzip(), A));

        agent.pass();

        assertThat(agent.lastSyncResult()).isEqualTo("rejected: bundle entry '" + A.id() + ".yaml' hashes to "
                + Blob.sha256(tampered) + ", which does not match the digest of any deployment of the manifest");
        assertThat(agent.saved()).isEqualTo(AgentState.empty());
    }

    @Test
    void firstSync_bundleWithAnEntryTwice_isRefusedNamingBothEntries() throws Exception {
        server.publish(Release.withBundle(1, new TinyTarGz().file("a.yaml", A.bytes()).file("b.yaml", A.bytes())
                .gzip(), A));

        agent.pass();

        assertThat(agent.lastSyncResult()).isEqualTo("rejected: bundle entry 'b.yaml' repeats entry 'a.yaml' (both "
                + "hash to " + A.digest() + ")");
        assertThat(agent.saved()).isEqualTo(AgentState.empty());
    }
}
