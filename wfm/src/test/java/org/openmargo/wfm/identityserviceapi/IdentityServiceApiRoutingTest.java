package org.openmargo.wfm.identityserviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.testapi.ApiFixture;
import org.openmargo.wfm.testpki.Csrs;

/**
 * The resources of the identity service's own listener, in memory: the real routing
 * ({@link IdentityServiceApi#routing}, the error mapping) with the discovery document, the SPIFFE bundle and
 * enrollment over real enrollment tokens on H2 and a signing test identity service. No socket, no TLS.
 */
@RoutingTest
class IdentityServiceApiRoutingTest {
    static final ApiFixture FIXTURE = ApiFixture.create();

    private final DirectClient client;

    IdentityServiceApiRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        IdentityServiceApi.routing(routing, new WellKnownService(FIXTURE.identityService),
                new EnrollmentEndpoint(FIXTURE.enrollment, FIXTURE.audit), outage("/x-openmargo/outage"));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    @Test
    void discovery_getThenIfNoneMatch_exactDocumentWithStrongEtagThen304() {
        byte[] document = FIXTURE.identityService.discoveryJson();
        String etag = WellKnownService.etag(document);

        try (Http1ClientResponse res = client.get("/.well-known/margo").request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).contains("application/json");
            assertThat(res.headers().first(HeaderNames.CACHE_CONTROL)).contains("no-cache");
            assertThat(res.headers().first(HeaderNames.ETAG)).contains(etag);
            assertThat(res.as(byte[].class)).isEqualTo(document);
        }
        try (Http1ClientResponse res = client.get("/.well-known/margo").header(HeaderNames.IF_NONE_MATCH, etag)
                .request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_MODIFIED_304);
        }
    }

    @Test
    void spiffeBundle_get_exactBundleAndOtherMethods405() {
        try (Http1ClientResponse res = client.get("/.well-known/spiffe/bundle.json").request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.as(byte[].class)).isEqualTo(FIXTURE.identityService.trustBundleJson());
        }
        try (Http1ClientResponse res = client.delete("/.well-known/spiffe/bundle.json").request()) {
            assertThat(res.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
            assertThat(res.headers().first(HeaderNames.ALLOW)).contains("GET");
        }
    }

    @Test
    void enroll_validTokenAndCsr_201SvidOnceThenTokenRefused() {
        String token = FIXTURE.tokens.create("dev-e1", Duration.ofHours(1), "alice").token();
        String body = body(token, Csrs.p256().pem());

        try (Http1ClientResponse res = enroll(body)) {
            assertThat(res.status()).isEqualTo(Status.CREATED_201);
            assertThat(res.headers().first(HeaderNames.CACHE_CONTROL)).contains("no-store");
            assertThat(res.as(String.class))
                    .startsWith("{\"spiffeId\":\"spiffe://plant.example/margo/wfm/wfm-a/client/dev-e1\","
                            + "\"trustDomain\":\"plant.example\",\"wfmId\":\"wfm-a\",\"clientId\":\"dev-e1\","
                            + "\"certificateChain\":\"-----BEGIN CERTIFICATE-----\\n");
        }
        assertThat(FIXTURE.identity.policy().decide("dev-e1").name()).isEqualTo("ACCEPTED");
        try (Http1ClientResponse res = enroll(body)) {
            assertThat(res.status()).isEqualTo(Status.FORBIDDEN_403);
            assertThat(res.as(String.class))
                    .contains("\"type\":\"" + ProblemType.ENROLLMENT_TOKEN_REFUSED.uri() + "\"");
        }
    }

    @Test
    void enroll_rejectedCsr_422AndTokenStaysUsable() {
        String token = FIXTURE.tokens.create("dev-e2", Duration.ofHours(1), "alice").token();

        try (Http1ClientResponse res = enroll(body(token, Csrs.rsa2048().pem()))) {
            assertThat(res.status().code()).isEqualTo(422);
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.CSR_REJECTED.uri() + "\"");
        }
        try (Http1ClientResponse res = enroll(body(token, Csrs.p256().pem()))) {
            assertThat(res.status()).isEqualTo(Status.CREATED_201);
        }
    }

    @Test
    void enroll_missingCsr_400NamingTheField() {
        try (Http1ClientResponse res = enroll("{\"token\":\"x\"}")) {
            assertThat(res.status()).isEqualTo(Status.BAD_REQUEST_400);
            assertThat(res.as(String.class)).contains("\"errors\":[{\"field\":\"csr\",\"message\":\"is required\"}]");
        }
    }

    @Test
    void anyResource_databaseOutage_503WithRetryAfter() {
        try (Http1ClientResponse res = client.get("/x-openmargo/outage").request()) {
            assertThat(res.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
            assertThat(res.headers().first(HeaderNames.RETRY_AFTER)).contains("30");
        }
    }

    @Test
    void unknownPath_404ProblemJson() {
        try (Http1ClientResponse res = client.get("/x-openmargo/nothing").request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(res.as(String.class))
                    .contains("\"detail\":\"There is no identity service endpoint at this path.\"");
        }
    }

    /** A resource standing in for any handler whose database is down: only the error mapping answers it. */
    static HttpService outage(String path) {
        return rules -> rules.get(path, (req, res) -> {
            throw StoreException.of("reading", new SQLTransientConnectionException("Connection is not available"));
        });
    }

    private Http1ClientResponse enroll(String json) {
        return client.post(EnrollmentEndpoint.PATH).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(String token, String csrPem) {
        return "{\"token\":\"" + token + "\",\"csr\":\"" + csrPem.replace("\n", "\\n") + "\"}";
    }
}
