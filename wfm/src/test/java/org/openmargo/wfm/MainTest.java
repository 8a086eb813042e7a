package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, argument errors, configuration errors that name the key, and a port already in use. */
class MainTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_printsUsageAndExits0() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: wfm");
    }

    @Test
    void unknownArgument_exits2() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(errors()).contains("unknown argument '--frobnicate'");
    }

    @Test
    void badPortInConfigFile_exits2NamingFileKeyAndValue() throws Exception {
        Path config = dir.resolve("wfm.yaml");
        Files.writeString(config, "wfm:\n  data-dir: " + dir.resolve("data") + "\n  device-api:\n    port: seventy\n");
        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(errors()).contains(config.toString()).contains("wfm.device-api.port").contains("'seventy'")
                .contains("an integer from 0 to 65535");
    }

    @Test
    void badDurationInConfigFile_exits2() throws Exception {
        Path config = dir.resolve("wfm.yaml");
        Files.writeString(config, "wfm:\n  device-api:\n    session-lifetime: 2 days\n");
        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(errors()).contains("wfm.device-api.session-lifetime").contains("ISO-8601");
    }

    @Test
    void missingConfigFile_exits2() {
        assertThat(run("--config", dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(errors()).contains("cannot read the file");
    }

    @Test
    void deviceApiPortInUse_exits1WithReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("wfm.yaml");
            Files.writeString(config, "wfm:\n  data-dir: " + dir.resolve("data") + "\n  device-api:\n    host: 127.0.0.1\n"
                    + "    port: " + taken.getLocalPort() + "\n  operator:\n    port: 0\n  identity-service:\n    port: 0\n"
                    + "  observe:\n    port: 0\n");
            assertThat(run("--config", config.toString())).isEqualTo(1);
            assertThat(errors()).contains("cannot start").contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void identityServiceDisabledWithoutIdentityFiles_exits2WithAHint() throws Exception {
        Path config = dir.resolve("wfm.yaml");
        Files.writeString(config, "wfm:\n  identity-service:\n    enabled: false\n");
        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(errors()).contains("'wfm.identity-service.enabled' is false")
                .contains("'wfm.identity.trust-bundle'");
    }

    @Test
    void badIdentityServiceValues_exit2NamingTheKey() throws Exception {
        String[][] cases = {
                {"algorithm: ES512", "wfm.identity-service.algorithm"},
                {"client-svid-lifetime: PT59M", "wfm.identity-service.client-svid-lifetime"},
                {"tls-names: \"localhost,bad_name!\"", "wfm.identity-service.tls-names"},
                {"demo-client: \"..\"", "wfm.identity-service.demo-client"},
                {"public-url: http://wfm.example", "wfm.identity-service.public-url"},
                {"ca-key-passphrase: short", "wfm.identity-service.ca-key-passphrase"},
                {"ca-certificate: ca.pem", "wfm.identity-service.ca-private-key"}};
        for (String[] c : cases) {
            err.reset();
            Path config = dir.resolve("wfm.yaml");
            Files.writeString(config, "wfm:\n  identity-service:\n    " + c[0] + "\n");
            assertThat(run("--config", config.toString())).as(c[0]).isEqualTo(2);
            assertThat(errors()).as(c[0]).contains(c[1]);
        }
        assertThat(errors()).doesNotContain("short");
    }

    @Test
    void caKeyThatDoesNotDecrypt_exits1NamingTheKeyWithoutStackTrace() throws Exception {
        Path data = dir.resolve("data");
        String ports = "\n  device-api:\n    host: 127.0.0.1\n    port: 0\n  operator:\n    port: 0\n"
                + "  identity-service:\n    host: 127.0.0.1\n    port: 0\n  observe:\n    port: 0\n";
        WfmServer.start(BuiltInWfm.settings(data, java.util.Map.of(
                "wfm.identity-service.ca-key-passphrase", "the first passphrase"))).close();
        Path config = dir.resolve("wfm.yaml");
        Files.writeString(config, "wfm:\n  data-dir: " + data + ports
                + "    ca-key-passphrase: another passphrase\n");
        assertThat(run("--config", config.toString())).isEqualTo(1);
        assertThat(errors()).startsWith("wfm: cannot start: cannot decrypt the CA key of anchor sha256:")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
