package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.dockerrig.LocalRegistry;
import org.openmargo.agent.dockerrig.RegistryGuard;
import org.openmargo.agent.oci.Digest;
import org.openmargo.agent.oci.OciClient;
import org.openmargo.agent.oci.OciSettings;
import org.openmargo.agent.runtime.ComponentSpec;

/** Compose artifacts from a real registry (Debian's {@code docker-registry} on loopback), pushed by the test. */
class RegistrySourceTest {
    private static final String YAML = "services:\n  db:\n    image: postgres:16\n";

    @TempDir
    Path dir;
    private LocalRegistry registry;
    private OciClient client;

    @BeforeEach
    void start() throws Exception {
        RegistryGuard.requireRegistry("RegistrySourceTest");
        registry = LocalRegistry.start(dir);
        client = OciClient.create(new OciSettings(Set.of(registry.authority()), Map.of(), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private ComponentSpec component(String revision) {
        return new ComponentSpec("db", "oci://" + registry.authority() + "/shop/db", revision, true,
                Duration.ofMinutes(1));
    }

    private RegistrySource source() throws Exception {
        return new RegistrySource(client, dir.resolve("compose-files"));
    }

    private Path stored(Digest digest) {
        return dir.resolve("compose-files/files/sha256/" + digest.hex() + ".yaml");
    }

    @Test
    void files_publishedArtifact_areVerifiedAndKeptUnderTheirDigest() throws Exception {
        Digest layer = registry.publishCompose("shop/db", "1.0.0_build.7", YAML);

        ComposeSource.Resolution resolution = source().files(component("1.0.0+build.7"));

        assertThat(resolution).isEqualTo(new ComposeSource.Resolution.Files(java.util.List.of(stored(layer))));
        assertThat(Files.readString(stored(layer))).isEqualTo(YAML);
    }

    @Test
    void files_storedRevisionAfterARestart_areReadWithoutTheRegistry() throws Exception {
        Digest layer = registry.publishCompose("shop/db", "1.0.0", YAML);
        source().files(component("1.0.0"));
        registry.close();

        ComposeSource.Resolution resolution = source().files(component("1.0.0"));

        assertThat(resolution).isEqualTo(new ComposeSource.Resolution.Files(java.util.List.of(stored(layer))));
    }

    @Test
    void files_storedFileChangedOnDisk_isFetchedAgain() throws Exception {
        Digest layer = registry.publishCompose("shop/db", "1.0.0", YAML);
        RegistrySource source = source();
        source.files(component("1.0.0"));
        Files.writeString(stored(layer), "services: {}\n");

        source.files(component("1.0.0"));

        assertThat(Files.readString(stored(layer))).isEqualTo(YAML);
    }

    @Test
    void files_layerNotMatchingItsDigest_isRefusedAndNothingIsKept() throws Exception {
        registry.corrupt(registry.publishCompose("shop/db", "1.0.0", YAML));

        ComposeSource.Resolution resolution = source().files(component("1.0.0"));

        assertThat(resolution).isInstanceOfSatisfying(ComposeSource.Resolution.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo("OCI_INVALID");
            assertThat(refused.message()).contains("does not match its descriptor");
        });
        try (var files = Files.list(dir.resolve("compose-files/files/sha256"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void files_unknownRevision_isNotFound() throws Exception {
        registry.publishCompose("shop/db", "1.0.0", YAML);

        assertThat(source().files(component("9.9.9"))).isInstanceOfSatisfying(
                ComposeSource.Resolution.Refused.class, refused -> assertThat(refused.code()).isEqualTo("OCI_NOT_FOUND"));
    }

    @Test
    void files_envFileLayer_isRefused() throws Exception {
        Digest config = registry.pushBlob("shop/db", "{}".getBytes(StandardCharsets.UTF_8));
        Digest env = registry.pushBlob("shop/db", "PASSWORD=x\n".getBytes(StandardCharsets.UTF_8));
        registry.putManifest("shop/db", "1.0.0", """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "artifactType":"application/vnd.docker.compose.project",\
                "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":2},\
                "layers":[{"mediaType":"application/vnd.docker.compose.envfile","digest":"%s","size":11}]}"""
                .formatted(config, env));

        assertThat(source().files(component("1.0.0"))).isEqualTo(new ComposeSource.Resolution.Refused(
                "COMPOSE_ARTIFACT_INVALID", "oci://" + registry.authority() + "/shop/db:1.0.0: layer " + env
                        + " has media type application/vnd.docker.compose.envfile; only compose files"
                        + " (application/vnd.docker.compose.file+yaml) are used"));
    }

    @Test
    void files_artifactOfAnotherType_isRefused() throws Exception {
        Digest config = registry.pushBlob("shop/db", "{}".getBytes(StandardCharsets.UTF_8));
        registry.putManifest("shop/db", "1.0.0", """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"%s","size":2},\
                "layers":[]}""".formatted(config));

        assertThat(source().files(component("1.0.0"))).isEqualTo(new ComposeSource.Resolution.Refused(
                "COMPOSE_ARTIFACT_INVALID", "oci://" + registry.authority() + "/shop/db:1.0.0 is not a Compose"
                        + " artifact: its type is application/vnd.cncf.helm.config.v1+json"));
    }

    @Test
    void files_repositoryNotOci_isRefusedWithoutAnyRequest() throws Exception {
        ComponentSpec https = new ComponentSpec("db", "https://registry.example/shop/db", "1.0.0", true,
                Duration.ofMinutes(1));

        assertThat(source().files(https)).isEqualTo(new ComposeSource.Resolution.Refused("COMPOSE_REFERENCE_INVALID",
                "repository must start with oci://: https://registry.example/shop/db"));
    }
}
