package org.openmargo.wfm.identityserviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.Csrs;
import org.openmargo.wfm.testpki.TestPki;

/** Enrollment over a real server-authenticated TLS listener, then the enrolled SVID over the real mTLS device API. */
class EnrollmentEndpointTest {
    static final String REFUSED_TYPE = "\"type\":\"https://openmargo.org/problems/enrollment-token-refused\"";

    @TempDir
    static Path dir;
    static EnrollmentWfm wfm;
    static HttpClient mis;

    @BeforeAll
    static void start() throws Exception {
        wfm = new EnrollmentWfm(dir);
        mis = wfm.misClient();
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    static HttpResponse<String> enroll(String token, String csr) throws Exception {
        return Http.post(mis, wfm.mis(EnrollmentEndpoint.PATH), "application/json", Http.enrollBody(token, csr));
    }

    @Test
    void enroll_validToken_201WithSvidForTheTokensClientThatOpensTheDeviceApi() throws Exception {
        String token = wfm.token("line7-plc", null);
        Csrs.Csr csr = Csrs.p256();

        HttpResponse<String> answer = enroll(token, csr.pem());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        JsonObject body = Http.json(answer.body());
        assertThat(body.getString("spiffeId")).isEqualTo("spiffe://plant.example/margo/wfm/wfm-a/client/line7-plc");
        assertThat(body.getString("trustDomain")).isEqualTo("plant.example");
        assertThat(body.getString("wfmId")).isEqualTo("wfm-a");
        assertThat(body.getString("clientId")).isEqualTo("line7-plc");
        assertThat(body.getJsonObject("trustBundle").getInt("spiffe_sequence")).isEqualTo(1);
        List<X509Certificate> chain = Http.chain(body.getString("certificateChain"));
        assertThat(chain).hasSize(1);
        assertThat(chain.getFirst().getPublicKey()).isEqualTo(csr.keys().getPublic());
        assertThat(Http.uriSan(chain.getFirst())).isEqualTo(body.getString("spiffeId"));
        assertThat(body.getString("notAfter")).isEqualTo(chain.getFirst().getNotAfter().toInstant().toString());

        HttpClient device = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(wfm.pki.clientContext(new TestPki.Svid(csr.keys().getPrivate(), chain))).build();
        HttpResponse<String> manifest = device.send(HttpRequest.newBuilder(wfm.device("/api/v1/deployments")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
    }

    @Test
    void enroll_sameTokenTwice_secondRefusedWith403AndNoSecondSvid() throws Exception {
        String token = wfm.token("twice", null);
        assertThat(enroll(token, Csrs.p256().pem()).statusCode()).isEqualTo(201);
        int issued = wfm.identityService.issued();

        HttpResponse<String> second = enroll(token, Csrs.p256().pem());

        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).contains(REFUSED_TYPE);
        assertThat(second.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(wfm.identityService.issued()).isEqualTo(issued);
    }

    @Test
    void enroll_unknownUsedExpiredRevoked_allGetTheIdenticalAnswer() throws Exception {
        String used = wfm.token("used", null);
        enroll(used, Csrs.p256().pem());
        String expired = wfm.token("expired", "PT1S");
        String revoked = wfm.token("revoked", null);
        String tokenId = wfm.operator("GET", "/operator/v1/enrollment-tokens", null, null, null).body()
                .replaceAll(".*\"tokenId\":\"([0-9a-f]{16})\",\"clientId\":\"revoked\".*", "$1");
        assertThat(wfm.operator("DELETE", "/operator/v1/enrollment-tokens/" + tokenId, null, null, null).statusCode())
                .isEqualTo(200);
        wfm.tokenClock.advance(Duration.ofSeconds(2));
        try {
            List<String> bodies = new ArrayList<>();
            for (String token : new String[] {"A".repeat(43), used, expired, revoked}) {
                HttpResponse<String> answer = enroll(token, Csrs.p256().pem());
                assertThat(answer.statusCode()).isEqualTo(403);
                bodies.add(answer.body());
            }
            assertThat(bodies).containsOnly(bodies.getFirst());
            assertThat(bodies.getFirst()).contains(REFUSED_TYPE);
        } finally {
            wfm.tokenClock.advance(Duration.ofSeconds(-2));
        }
    }

    @Test
    void enroll_rejectedCsr_422AndTheTokenStillEnrollsAfterwards() throws Exception {
        String token = wfm.token("fix-my-csr", null);

        HttpResponse<String> weak = enroll(token, Csrs.rsa2048().pem());
        HttpResponse<String> forged = enroll(token, Csrs.badSignature().pem());
        HttpResponse<String> garbage = enroll(token, "not a csr");

        for (HttpResponse<String> answer : List.of(weak, forged, garbage)) {
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.body()).contains("\"type\":\"https://openmargo.org/problems/csr-rejected\"");
        }
        assertThat(Http.json(weak.body()).getString("detail")).isEqualTo("key algorithm or size not allowed: RSA");
        assertThat(Http.json(forged.body()).getString("detail")).isEqualTo("the CSR's self-signature does not verify");
        assertThat(enroll(token, Csrs.p256().pem()).statusCode()).isEqualTo(201);
    }

    @Test
    void enroll_eightConcurrentRequestsWithOneToken_exactlyOneSucceeds() throws Exception {
        String token = wfm.token("race", null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> {
                    go.await();
                    return enroll(token, Csrs.p256().pem()).statusCode();
                }));
            }
            go.countDown();
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                got.add(status.get());
            }
            assertThat(got).filteredOn(s -> s == 201).hasSize(1);
            assertThat(got).filteredOn(s -> s == 403).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void enroll_success_auditedAsTheDeviceWithItsAddress() throws Exception {
        enroll(wfm.token("audited", null), Csrs.p256().pem());

        String audit = wfm.operator("GET", "/operator/v1/audit?limit=1000", null, null, null).body();

        assertThat(audit).contains("\"actor\":\"device:audited\",\"remoteAddress\":\"127.0.0.1\",\"action\":\"enroll\","
                + "\"target\":\"audited\",\"detail\":\"spiffeId=spiffe://plant.example/margo/wfm/wfm-a/client/audited");
        assertThat(audit).contains("\"actor\":\"alice\",\"remoteAddress\":\"127.0.0.1\","
                + "\"action\":\"enrollment-token.create\",\"target\":\"audited\"");
    }

    @Test
    void enroll_hostileBodies_problemJsonWithTheRightStatusAndNeverATokenSpent() throws Exception {
        String token = wfm.token("hostile", null);
        String csr = Csrs.p256().pem();
        record Case(String contentType, String body, int status) {
        }
        List<Case> cases = List.of(
                new Case("application/json", "x".repeat(70_000), 413),
                new Case("application/json", "{\"token\":", 400),
                new Case("application/json", "[\"token\"]", 400),
                new Case("application/json", "{\"csr\":\"x\"}", 400),
                new Case("application/json", "{\"token\":42,\"csr\":\"x\"}", 400),
                new Case("application/json", "{\"token\":\"" + token + "\",\"token\":\"x\",\"csr\":\"x\"}", 400),
                new Case("text/plain", Http.enrollBody(token, csr), 415),
                new Case("application/x-www-form-urlencoded", "token=" + token, 415));
        for (Case c : cases) {
            HttpResponse<String> answer = Http.post(mis, wfm.mis(EnrollmentEndpoint.PATH), c.contentType(), c.body());
            assertThat(answer.statusCode()).as(c.body().substring(0, Math.min(40, c.body().length())))
                    .isEqualTo(c.status());
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        HttpResponse<String> get = mis.send(HttpRequest.newBuilder(wfm.mis(EnrollmentEndpoint.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(enroll(token, csr).statusCode()).isEqualTo(201);
    }
}
