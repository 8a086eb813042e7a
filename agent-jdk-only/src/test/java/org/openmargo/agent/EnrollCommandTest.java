package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.csr.DeviceKey;
import org.openmargo.agent.enrollment.TestIssuer;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.TrustBundle;
import org.openmargo.wfm.testpki.TestPki;

/**
 * {@code agent enroll} against a real HTTPS MIS (a JDK {@link HttpsServer} with a TLS certificate under its own
 * pinned root) that serves the discovery document and an enrollment endpoint signing the received CSR with the trust
 * domain's CA, as {@code docs/identity-service.md} describes.
 */
class EnrollCommandTest {
    private static final String TOKEN = "tok-0123456789abcdefghijklmnopqrstuvwxyzABCDE";
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final TestPki.Authority TLS_ROOT = PKI.newRoot("MIS TLS root");

    /** What the enrollment endpoint does with a good token. */
    enum Mode { ISSUE, FOREIGN_KEY, OTHER_TRUST_DOMAIN }

    private static HttpsServer mis;
    private static volatile Mode mode = Mode.ISSUE;
    private static volatile String lastCsr;

    @TempDir
    Path dir;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startMis() throws IOException {
        mis = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mis.setHttpsConfigurator(new HttpsConfigurator(TestIssuer.serverTls(TLS_ROOT,
                DeviceKey.generate(new SecureRandom()))));
        mis.createContext("/", EnrollCommandTest::handle);
        mis.start();
    }

    @AfterAll
    static void stopMis() {
        mis.stop(0);
    }

    @BeforeEach
    void configure() throws Exception {
        mode = Mode.ISSUE;
        config = dir.resolve("agent.conf");
        writeConfig(pin(TLS_ROOT.certificate()));
    }

    @Test
    void enroll_goodToken_writesKey0600ChainAndCachedBundle() throws Exception {
        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).as(stderr()).isZero();

        Path key = dir.resolve("id/svid-key.pem");
        Svid svid = Svid.load(dir.resolve("id/svid.pem"), key);
        assertThat(svid.spiffeId()).isEqualTo(PKI.clientUri("edge-01"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(TrustBundle.parse(Files.readAllBytes(dir.resolve("state/trust-bundle.json"))).anchors())
                .containsExactly(PKI.root().certificate());
        assertThat(stdout()).startsWith("enrolled as " + PKI.clientUri("edge-01") + ", valid until "
                + svid.notAfter() + "\n");
        assertThat(lastCsr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    void enroll_tokenFromEnvironment_isUsedAndNotTakenForAConfigKey() {
        assertThat(run(Map.of("MARGO_AGENT_ENROLL_TOKEN", TOKEN), "enroll", "--config", config.toString()))
                .as(stderr()).isZero();
    }

    @Test
    void enroll_refusedToken_exits1WithClearMessageAndWritesNothing() {
        assertThat(run("enroll", "--config", config.toString(), "--token", "used-token")).isEqualTo(1);

        assertThat(stderr()).isEqualTo("agent enroll: the enrollment token was refused (unknown, used, expired or "
                + "revoked): ask the operator for a new one (wfm admin token create)\n");
        assertThat(dir.resolve("id")).doesNotExist();
        assertThat(dir.resolve("state/trust-bundle.json")).doesNotExist();
    }

    @Test
    void enroll_pinOfAnotherCa_isRefusedBeforeSendingTheToken() throws Exception {
        writeConfig(pin(PKI.root().certificate()));
        lastCsr = null;

        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isEqualTo(1);

        assertThat(stderr()).startsWith("agent enroll: cannot read the discovery document https://127.0.0.1:")
                .contains("the MIS chain contains no pinned certificate");
        assertThat(lastCsr).isNull();
        assertThat(dir.resolve("id")).doesNotExist();
    }

    @Test
    void enroll_answerForAnotherKey_isRefused() {
        mode = Mode.FOREIGN_KEY;

        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isEqualTo(1);

        assertThat(stderr()).startsWith("agent enroll: refused the SVID from https://127.0.0.1:")
                .endsWith(": the issued certificate is not for the agent's key\n");
        assertThat(dir.resolve("id")).doesNotExist();
    }

    @Test
    void enroll_svidInAnotherTrustDomain_isRefused() {
        mode = Mode.OTHER_TRUST_DOMAIN;

        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isEqualTo(1);

        assertThat(stderr()).endsWith(": the SVID spiffe://other.example/margo/wfm/wfm-a/client/edge-01 is not in "
                + "the trust domain 'plant.example'\n");
        assertThat(dir.resolve("id")).doesNotExist();
    }

    @Test
    void enroll_validSvidInstalled_refusesWithoutForceAndReplacesWithForce() throws Exception {
        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isZero();
        X509Certificate first = Svid.load(dir.resolve("id/svid.pem"), dir.resolve("id/svid-key.pem")).leaf();

        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isEqualTo(1);
        assertThat(stderr()).contains("is already installed and valid until").endsWith("use --force to replace it\n");
        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN, "--force")).isZero();
        assertThat(Svid.load(dir.resolve("id/svid.pem"), dir.resolve("id/svid-key.pem")).leaf()).isNotEqualTo(first);
    }

    @Test
    void enroll_configWithTrustBundle_exits2() throws Exception {
        Files.writeString(dir.resolve("bundle.json"), TestPki.bundleJson(1, PKI.root()));
        Files.writeString(config, Files.readString(config).replaceAll("trust\\.discovery-url = .*\n", "")
                .replaceAll("trust\\.pins = .*\n", "trust.bundle = bundle.json\n"));

        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isEqualTo(2);
        assertThat(stderr()).contains("needs trust.discovery-url");
    }

    @Test
    void enroll_noToken_exits2() {
        assertThat(run("enroll", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--token T, --token-file F or $MARGO_AGENT_ENROLL_TOKEN");
    }

    @Test
    void enroll_optionOfAnotherCommand_exits2() {
        assertThat(run("enroll", "--config", config.toString(), "--new-key")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("agent: --new-key does not apply to 'enroll' (try --help)\n");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String origin = "https://127.0.0.1:" + mis.getAddress().getPort();
        String path = exchange.getRequestURI().getPath();
        byte[] request = exchange.getRequestBody().readAllBytes();
        if (path.equals("/.well-known/margo")) {
            reply(exchange, 200, "{\"trustDomain\":\"plant.example\",\"trustBundleUri\":\"" + origin
                    + "/.well-known/spiffe/bundle.json\",\"x-openmargo\":{\"wfmId\":\"wfm-a\",\"enrollUri\":\""
                    + origin + "/x-openmargo/enrollment/v1/enroll\"}}");
        } else if (path.equals("/x-openmargo/enrollment/v1/enroll") && exchange.getRequestMethod().equals("POST")) {
            enroll(exchange, request);
        } else {
            reply(exchange, 404, "{\"type\":\"about:blank\",\"status\":404}");
        }
    }

    private static void enroll(HttpExchange exchange, byte[] request) throws IOException {
        JsonObject body;
        try {
            body = (JsonObject) Json.parse(request);
        } catch (Exception e) {
            reply(exchange, 400, "{\"title\":\"bad json\"}");
            return;
        }
        lastCsr = body.string("csr").orElseThrow();
        if (!body.string("token").orElseThrow().equals(TOKEN)) {
            reply(exchange, 403, "{\"type\":\"https://openmargo.org/problems/enrollment-token-refused\","
                    + "\"title\":\"Enrollment token refused\",\"status\":403}");
            return;
        }
        PublicKey key = mode == Mode.FOREIGN_KEY ? DeviceKey.generate(new SecureRandom()).getPublic()
                : TestIssuer.csrKey(lastCsr);
        String uri = mode == Mode.OTHER_TRUST_DOMAIN ? "spiffe://other.example/margo/wfm/wfm-a/client/edge-01"
                : PKI.clientUri("edge-01");
        X509Certificate leaf = TestIssuer.issue(PKI.root(), key, uri, Instant.now().minus(Duration.ofMinutes(1)),
                Duration.ofDays(30));
        reply(exchange, 201, TestIssuer.answer(uri, List.of(leaf), PKI.root()));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json"
                : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void writeConfig(String pin) throws IOException {
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:1
                trust.discovery-url = https://127.0.0.1:%d/.well-known/margo
                trust.pins = sha256:%s
                identity.certificate = id/svid.pem
                identity.private-key = id/svid-key.pem
                state.dir = state
                runtime = simulated
                device.id = edge-01
                device.vendor = Acme
                device.model = M1
                device.serial = S-1
                """.formatted(mis.getAddress().getPort(), pin));
    }

    private static String pin(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
