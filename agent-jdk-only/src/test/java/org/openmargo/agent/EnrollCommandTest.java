package org.openmargo.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.csr.DeviceKey;
import org.openmargo.agent.enrollment.TestIssuer;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.TrustBundle;
import org.openmargo.wfm.testpki.TestPki;

/**
 * {@code agent enroll} against an HTTPS MIS on WireMock (a TLS certificate under its own pinned root) that serves
 * the discovery document and an enrollment endpoint signing the received CSR with the trust domain's CA, as
 * {@code docs/identity-service.md} describes. WireMock's stubs do the routing and the token check, its journal keeps
 * the CSRs received; only the signing is a transformer ({@link SignTheCsr}).
 */
class EnrollCommandTest {
    private static final String TOKEN = "tok-0123456789abcdefghijklmnopqrstuvwxyzABCDE";
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final TestPki.Authority TLS_ROOT = PKI.newRoot("MIS TLS root");

    /** What the enrollment endpoint does with a good token. */
    enum Mode { ISSUE, FOREIGN_KEY, OTHER_TRUST_DOMAIN }

    private static final String ENROLL = "/x-openmargo/enrollment/v1/enroll";
    private static final String KEY_STORE_PASSWORD = "mis-test";

    @TempDir
    static Path misDir;
    private static WireMockServer mis;
    private static volatile Mode mode = Mode.ISSUE;

    @TempDir
    Path dir;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startMis() {
        TestIssuer.writeServerKeyStore(misDir.resolve("mis.p12"), KEY_STORE_PASSWORD, TLS_ROOT,
                DeviceKey.generate(new SecureRandom()));
        mis = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(misDir.resolve("mis.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(KEY_STORE_PASSWORD).keyManagerPassword(KEY_STORE_PASSWORD)
                .notifier(new ConsoleNotifier(false)).extensions(new SignTheCsr()));
        mis.start();
        stubMis();
    }

    @AfterAll
    static void stopMis() {
        mis.stop();
    }

    @BeforeEach
    void configure() throws Exception {
        mode = Mode.ISSUE;
        mis.resetRequests();
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
        assertThat(lastCsr().orElseThrow()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
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

        assertThat(run("enroll", "--config", config.toString(), "--token", TOKEN)).isEqualTo(1);

        assertThat(stderr()).startsWith("agent enroll: cannot read the discovery document https://127.0.0.1:")
                .contains("the MIS chain contains no pinned certificate");
        assertThat(lastCsr()).isEmpty();
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

    /** Discovery names this MIS; a good token gets the transformer's answer, any other token a 403 problem. */
    private static void stubMis() {
        String origin = "https://127.0.0.1:" + mis.httpsPort();
        mis.stubFor(get(urlPathEqualTo("/.well-known/margo")).willReturn(okJson("{\"trustDomain\":\"plant.example\","
                + "\"trustBundleUri\":\"" + origin + "/.well-known/spiffe/bundle.json\",\"x-openmargo\":{\"wfmId\":"
                + "\"wfm-a\",\"enrollUri\":\"" + origin + ENROLL + "\"}}")));
        mis.stubFor(post(urlPathEqualTo(ENROLL)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.token", equalTo(TOKEN)))
                .willReturn(aResponse().withTransformers(SignTheCsr.NAME)));
        mis.stubFor(post(urlPathEqualTo(ENROLL)).atPriority(2).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://openmargo.org/problems/enrollment-token-refused\","
                        + "\"title\":\"Enrollment token refused\",\"status\":403}")));
    }

    /** The CSR of the last enrollment request in WireMock's journal, if any arrived. */
    private static Optional<String> lastCsr() {
        List<LoggedRequest> posts = mis.findAll(postRequestedFor(urlPathEqualTo(ENROLL)));
        return posts.isEmpty() ? Optional.empty() : Optional.of(csrOf(posts.getLast().getBody()));
    }

    private static String csrOf(byte[] enrollmentRequest) {
        try {
            return ((JsonObject) Json.parse(enrollmentRequest)).string("csr").orElseThrow();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not an enrollment request", e);
        }
    }

    /**
     * The one thing WireMock cannot do from a stub: sign the CSR of the request (for the agent's key, or for a
     * foreign key, or in another trust domain, as {@link #mode} says) and answer 201 with the SVID.
     */
    private static final class SignTheCsr implements ResponseDefinitionTransformerV2 {
        static final String NAME = "sign-the-csr";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String csr = csrOf(event.getRequest().getBody());
            PublicKey key = mode == Mode.FOREIGN_KEY ? DeviceKey.generate(new SecureRandom()).getPublic()
                    : TestIssuer.csrKey(csr);
            String uri = mode == Mode.OTHER_TRUST_DOMAIN ? "spiffe://other.example/margo/wfm/wfm-a/client/edge-01"
                    : PKI.clientUri("edge-01");
            X509Certificate leaf = TestIssuer.issue(PKI.root(), key, uri, Instant.now().minus(Duration.ofMinutes(1)),
                    Duration.ofDays(30));
            return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody(TestIssuer.answer(uri, List.of(leaf), PKI.root())).build();
        }
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
                """.formatted(mis.httpsPort(), pin));
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
