package org.openmargo.wfm.identityserviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.admin.AdminCli;
import org.openmargo.wfm.testpki.Csrs;

/** {@code wfm admin} against a real running operator API: output and exit codes. */
class AdminCliTest {
    @TempDir
    static Path dir;
    static EnrollmentWfm wfm;
    static Path tokenFile;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        wfm = new EnrollmentWfm(dir);
        tokenFile = Files.writeString(dir.resolve("operator-token"), EnrollmentWfm.OPERATOR_TOKEN + "\n");
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    static Run admin(String... command) {
        List<String> args = new ArrayList<>(List.of("--url", wfm.operatorUrl(), "--token-file", tokenFile.toString(),
                "--as", "dana"));
        args.addAll(List.of(command));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tokenCreate_printsTokenConfigLinesAndAgentCommand() {
        Run run = admin("token", "create", "--client", "cli-dev", "--ttl", "PT1H");

        assertThat(run.exit()).isZero();
        String token = run.out().lines().filter(l -> l.matches("  [A-Za-z0-9_-]{43}")).findFirst().orElseThrow()
                .strip();
        assertThat(run.out()).contains("  trust.discovery-url = https://localhost:8444/.well-known/margo\n"
                + "  trust.pins = " + wfm.misTls.pin() + "\n");
        assertThat(run.out()).contains("  agent enroll --config agent.conf --token " + token + "\n");
        assertThat(admin("token", "list").out()).contains("cli-dev").contains("unused").contains("dana")
                .doesNotContain(token);
    }

    @Test
    void tokenRevoke_listedId_revokedAndUnknownIdExit1() {
        admin("token", "create", "--client", "cli-revoke");
        String line = admin("token", "list").out().lines().filter(l -> l.contains("cli-revoke")).findFirst()
                .orElseThrow();
        String id = line.substring(0, 16);

        assertThat(admin("token", "revoke", id)).isEqualTo(new Run(0, "Token " + id + " revoked.\n", ""));
        Run again = admin("token", "revoke", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo(
                "wfm admin: Not Found: There is no unused, unrevoked token with that id. (HTTP 404)\n");
    }

    @Test
    void clients_approveListRetire() {
        assertThat(admin("clients", "approve", "cli-client")).isEqualTo(new Run(0, "Client 'cli-client' accepted.\n", ""));
        assertThat(admin("clients", "list").out()).containsPattern("cli-client +accepted +0 +0 +1");
        assertThat(admin("clients", "retire", "cli-client").out()).isEqualTo("Client 'cli-client' retired.\n");
        assertThat(admin("audit", "--limit", "5").out()).containsPattern("dana +127\\.0\\.0\\.1 +client\\.retire +cli-client");
    }

    @Test
    void signCsr_writesChainFileAndAcceptsClient() throws Exception {
        Path csr = Files.writeString(dir.resolve("device.csr"), Csrs.p256().pem());
        Path svid = dir.resolve("svid.pem");

        Run run = admin("sign-csr", "--client", "cli-airgap", "--in", csr.toString(), "--out", svid.toString());

        assertThat(run.exit()).isZero();
        assertThat(Http.uriSan(Http.chain(Files.readString(svid)).getFirst()))
                .isEqualTo(wfm.pki.clientUri("cli-airgap"));
        assertThat(admin("clients", "list").out()).containsPattern("cli-airgap +accepted");
    }

    @Test
    void signCsr_rejectedCsr_exit1WithProblemDetail() throws Exception {
        Path csr = Files.writeString(dir.resolve("weak.csr"), Csrs.rsa2048().pem());

        Run run = admin("sign-csr", "--client", "cli-weak", "--in", csr.toString());

        assertThat(run).isEqualTo(new Run(1, "",
                "wfm admin: CSR Rejected: key algorithm or size not allowed: RSA (HTTP 422)\n"));
    }

    @Test
    void discovery_printsUriPinsAndConfigLines() {
        Run run = admin("discovery");

        assertThat(run).isEqualTo(new Run(0, "Discovery document: https://localhost:8444/.well-known/margo\n"
                + "{\n    \"trustDomain\": \"plant.example\",\n"
                + "    \"trustBundleUri\": \"https://localhost:8444/.well-known/spiffe/bundle.json\"\n}\n"
                + "Pins: " + wfm.misTls.pin() + "\nAgent configuration lines:\n"
                + "  trust.discovery-url = https://localhost:8444/.well-known/margo\n  trust.pins = "
                + wfm.misTls.pin() + "\n", ""));
    }

    @Test
    void caShow_withoutBuiltInCa_exit1WithTheProblem() {
        Run run = admin("ca", "show");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("wfm admin: Not Found: This WFM is not the identity service of its trust domain"
                + " (external MIS). (HTTP 404)\n");
    }

    @Test
    void wrongToken_exit1Unauthorized() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-token"), "not-the-operator-token");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = AdminCli.run(new String[] {"--url", wfm.operatorUrl(), "--token-file", wrong.toString(), "audit"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("wfm admin: Unauthorized: ");
    }

    @Test
    void unreachableServer_exit1() {
        Run run = run("--url", "http://127.0.0.1:1", "--token-file", tokenFile.toString(), "audit");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("wfm admin: cannot reach the operator API at http://127.0.0.1:1/");
    }

    @Test
    void usageErrors_exit2() {
        for (String[] args : new String[][] {{}, {"bogus"}, {"token"}, {"token", "create"}, {"clients", "approve", "a/b"},
                {"ca", "rotate", "sideways"}, {"audit", "--limit", "0"}, {"token", "revoke", "XYZ"},
                {"clients", "list", "extra"}}) {
            Run run = admin(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).startsWith("wfm admin: ").endsWith("(try wfm admin --help)\n");
        }
        assertThat(run("--url", "ftp://x", "audit").exit()).isEqualTo(2);
        assertThat(run("--as", "x".repeat(65), "audit").exit()).isEqualTo(2);
    }

    @Test
    void help_exit0WithUsage() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: wfm admin [--url URL]");
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
