package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.enrollment.TestIssuer;
import org.openmargo.agent.transport.Svid;
import org.openmargo.wfm.testpki.TestPki;

/** The air-gapped flow: {@code agent csr}, the operator signs (BouncyCastle here), {@code agent import-svid}. */
class CsrImportCommandTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");

    @TempDir
    Path dir;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void configure() throws Exception {
        TestPki.writeBundleJson(dir.resolve("bundle.json"), 1, PKI.root());
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:1
                trust.bundle = bundle.json
                identity.certificate = id/svid.pem
                identity.private-key = id/svid-key.pem
                state.dir = state
                runtime = simulated
                device.id = edge-01
                device.vendor = Acme
                device.model = M1
                device.serial = S-1
                """);
    }

    @Test
    void csrThenImport_signedChain_installsKeyAndChainAndRemovesThePendingKey() throws Exception {
        assertThat(run("csr", "--config", config.toString(), "--out", dir.resolve("device.csr").toString()))
                .as(stderr()).isZero();
        Path pending = dir.resolve("id/svid-key.pem.pending");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pending))).isEqualTo("rw-------");
        Path signed = sign(Files.readString(dir.resolve("device.csr")), PKI.clientUri("edge-01"));

        assertThat(run("import-svid", "--config", config.toString(), "--in", signed.toString())).as(stderr()).isZero();

        Svid svid = Svid.load(dir.resolve("id/svid.pem"), dir.resolve("id/svid-key.pem"));
        assertThat(svid.spiffeId()).isEqualTo(PKI.clientUri("edge-01"));
        assertThat(stdout()).isEqualTo("installed " + svid.spiffeId() + ", valid until " + svid.notAfter() + "\n");
        assertThat(pending).doesNotExist();
    }

    @Test
    void csr_toStdout_printsThePemAndRefusesASecondKeyWithoutNewKey() {
        assertThat(run("csr", "--config", config.toString())).isZero();
        assertThat(stdout()).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");

        assertThat(run("csr", "--config", config.toString())).isEqualTo(1);
        assertThat(stderr()).contains("a private key already exists at").contains("use --new-key");
        assertThat(run("csr", "--config", config.toString(), "--new-key")).isZero();
    }

    @Test
    void importSvid_chainForAnotherKey_isRefusedAndNothingIsInstalled() throws Exception {
        assertThat(run("csr", "--config", config.toString(), "--out", dir.resolve("device.csr").toString())).isZero();
        TestPki.Svid other = PKI.client("edge-01");
        Path chain = dir.resolve("other.pem");
        TestPki.writeChainPem(chain, other);

        assertThat(run("import-svid", "--config", config.toString(), "--in", chain.toString())).isEqualTo(1);

        assertThat(stderr()).startsWith("agent import-svid: refused " + chain + ": ")
                .contains("the private key does not belong to the leaf certificate");
        assertThat(dir.resolve("id/svid.pem")).doesNotExist();
        assertThat(dir.resolve("id/svid-key.pem.pending")).exists();
    }

    @Test
    void importSvid_chainUnderAnotherCa_isRefused() throws Exception {
        assertThat(run("csr", "--config", config.toString(), "--out", dir.resolve("device.csr").toString())).isZero();
        TestPki stranger = TestPki.create("plant.example", "wfm-a");
        Path signed = sign(Files.readString(dir.resolve("device.csr")), PKI.clientUri("edge-01"), stranger.root());

        assertThat(run("import-svid", "--config", config.toString(), "--in", signed.toString())).isEqualTo(1);

        assertThat(stderr()).contains("the certificate chain does not validate against the trust bundle");
        assertThat(dir.resolve("id/svid.pem")).doesNotExist();
    }

    @Test
    void importSvid_notAClientSpiffeId_isRefused() throws Exception {
        assertThat(run("csr", "--config", config.toString(), "--out", dir.resolve("device.csr").toString())).isZero();
        Path signed = sign(Files.readString(dir.resolve("device.csr")), PKI.wfmUri());

        assertThat(run("import-svid", "--config", config.toString(), "--in", signed.toString())).isEqualTo(1);

        assertThat(stderr()).contains("is not of the form spiffe://<td>/margo/wfm/<wfm-id>/client/<wfm-client-id>");
    }

    @Test
    void importSvid_withoutIn_exits2() {
        assertThat(run("import-svid", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--in FILE");
    }

    private Path sign(String csr, String uri) throws Exception {
        return sign(csr, uri, PKI.root());
    }

    private Path sign(String csr, String uri, TestPki.Authority ca) throws Exception {
        X509Certificate leaf = TestIssuer.issue(ca, TestIssuer.csrKey(csr), uri,
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(30));
        Path file = dir.resolve("signed.pem");
        Files.writeString(file, TestIssuer.pem(leaf));
        return file;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
