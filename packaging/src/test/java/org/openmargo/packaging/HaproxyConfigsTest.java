package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HAProxy configurations of {@code packaging/haproxy}: {@code haproxy -c} (Debian's 2.6 package) accepts each one
 * with the environment its comments describe and certificates made by {@code openssl}, and refuses a misspelled
 * keyword (so the check can fail); mode (b) never passes on a device's own {@code Client-Cert} field. The {@code -c}
 * checks are skipped, with a message, where haproxy or openssl is not installed ({@code .ci/run} installs haproxy);
 * the end-to-end test {@code LoadBalancedInstancesTest} runs both files for real.
 */
class HaproxyConfigsTest {
    private static final Path CONFIGS = Layout.PACKAGING.resolve("haproxy");

    @TempDir
    Path dir;

    @Test
    void configs_directory_holdsTheTwoDocumentedModes() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("passthrough.cfg", "terminate.cfg");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"passthrough.cfg", "terminate.cfg"})
    void check_eachConfig_isValid(String config) throws Exception {
        String output = check(Layout.read(CONFIGS.resolve(config)));
        assertThat(output).contains("Configuration file is valid");
    }

    @Test
    void check_aMisspelledKeyword_isRefused() throws Exception {
        String broken = Layout.read(CONFIGS.resolve("passthrough.cfg")).replace("balance leastconn",
                "balanse leastconn");
        assertThat(check(broken)).contains("unknown keyword 'balanse'");
    }

    @Test
    void terminate_clientCertFields_areRemovedBeforeHaproxySetsItsOwn() {
        List<String> lines = Layout.read(CONFIGS.resolve("terminate.cfg")).lines().map(String::strip)
                .filter(l -> l.startsWith("http-request")).toList();
        assertThat(lines).containsExactly("http-request del-header Client-Cert",
                "http-request del-header Client-Cert-Chain",
                "http-request set-header Client-Cert \":%[ssl_c_der,base64]:\"");
        assertThat(Layout.read(CONFIGS.resolve("terminate.cfg")))
                .contains("verify required ca-file \"${OPENMARGO_CERTS}/anchors.pem\"")
                .contains("crt \"${OPENMARGO_CERTS}/proxy-client.pem\"");
    }

    @Test
    void passthrough_staysInTcpMode() {
        assertThat(Layout.read(CONFIGS.resolve("passthrough.cfg")).lines().map(String::strip))
                .contains("mode tcp").noneMatch(l -> l.startsWith("mode http") || l.contains(" ssl "));
    }

    /** Runs {@code haproxy -c} on {@code config} with certificates and addresses of the temp directory. */
    private String check(String config) throws IOException, InterruptedException {
        assumeTrue(onPath("haproxy"), "haproxy is not installed: the configurations were not checked");
        assumeTrue(onPath("openssl"), "openssl is not installed: no certificates to check the configurations with");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=check", "-days", "1", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("cert.pem").toString()), Map.of());
        byte[] cert = Files.readAllBytes(dir.resolve("cert.pem"));
        byte[] both = (new String(cert, StandardCharsets.US_ASCII)
                + Files.readString(dir.resolve("key.pem"))).getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("front.pem"), both);
        Files.write(dir.resolve("proxy-client.pem"), both);
        Files.write(dir.resolve("anchors.pem"), cert);
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        return run(List.of("haproxy", "-c", "-f", file.toString()), Map.of(
                "OPENMARGO_DEVICE_BIND", "127.0.0.1:18443",
                "OPENMARGO_CERTS", dir.toString(),
                "OPENMARGO_WFM1", "127.0.0.1:18444",
                "OPENMARGO_WFM2", "127.0.0.1:18445"));
    }

    private static String run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)))
                || Files.isExecutable(Path.of("/usr/sbin", command));
    }
}
