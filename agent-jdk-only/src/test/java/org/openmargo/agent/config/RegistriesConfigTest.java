package org.openmargo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.oci.Credentials;

/** The {@code oci.*} keys: insecure registries, credentials in the file and from a Docker config.json. */
class RegistriesConfigTest {
    @TempDir
    Path dir;

    private Path write(String extra) {
        return ConfigFixture.in(dir).write(ConfigFixture.MINIMAL + extra);
    }

    private Runtimes.Registries load(String extra) {
        return AgentConfigLoader.load(write(extra), Map.of()).runtimes().compose().registries();
    }

    private List<String> problems(String extra) {
        Path file = write(extra);
        return catchThrowableOfType(ConfigException.class, () -> AgentConfigLoader.load(file, Map.of())).problems();
    }

    @Test
    void load_noOciKeys_isHttpsOnlyWithoutCredentials() {
        assertThat(load("")).isEqualTo(Runtimes.Registries.none());
    }

    @Test
    void load_credentialsAndDockerConfig_areMergedWithTheFileWinning() throws Exception {
        Path docker = Files.writeString(dir.resolve("config.json"), """
                {"auths":{"https://index.docker.io/v1/":{"auth":"aHViOmh1Yi1wdw=="},
                          "registry.local:5000":{"username":"old","password":"old-pw"}},
                 "credsStore":"desktop"}""");

        Runtimes.Registries registries = load("""
                oci.insecure-registries = registry.local:5000, 127.0.0.1:5999
                oci.credentials = registry.local:5000=robot:pa=ss:word
                oci.docker-config = config.json
                """);

        assertThat(registries.insecure()).containsExactly("registry.local:5000", "127.0.0.1:5999");
        assertThat(registries.credentials()).isEqualTo(Map.of(
                "docker.io", new Credentials("hub", "hub-pw"),
                "registry.local:5000", new Credentials("robot", "pa=ss:word")));
        assertThat(registries.dockerConfig()).isEqualTo(Optional.of(docker.toAbsolutePath()));
    }

    @Test
    void load_malformedCredentials_isAProblemThatDoesNotQuoteTheSecret() {
        List<String> problems = problems("oci.credentials = registry.local=robot-without-password-secret\n");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem).endsWith("oci.credentials: entry 1 is not registry=user:password (registry as host"
                    + " or host:port, lower-case; value not shown)");
            assertThat(problem).doesNotContain("secret");
        });
    }

    @Test
    void load_dockerConfigNotJson_isAProblemNamingTheFile() throws Exception {
        Path docker = Files.writeString(dir.resolve("config.json"), "{\"auths\": ");

        assertThat(problems("oci.docker-config = config.json\n")).singleElement().asString()
                .contains("oci.docker-config: cannot use the Docker config file: " + docker.toAbsolutePath()
                        + ": not JSON: line 1");
    }

    @Test
    void load_insecureRegistryWithScheme_isAProblem() {
        assertThat(problems("oci.insecure-registries = http://registry.local\n")).singleElement().asString()
                .endsWith("oci.insecure-registries: expected a registry host or host:port such as registry.local:5000"
                        + " but got 'http://registry.local'");
    }
}
