package org.openmargo.wfm.operatorapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.testapi.ApiFixture;
import org.openmargo.wfm.testpki.Csrs;

/**
 * Every resource of the operator API, in memory: the real routing ({@link OperatorApi#routing}, the token and
 * raw-path filters, the error mapping) over real stores on H2, a signing test identity service and, for the CA
 * resource, a built-in identity service with a real CA. No socket.
 */
@RoutingTest
class OperatorApiRoutingTest {
    static final String TOKEN = "operator-token-for-routing-tests";
    static final ApiFixture FIXTURE = ApiFixture.create();
    static final BuiltInIdentityService CA = FIXTURE.builtInMis().service();
    static final String YAML = """
            id: 0b0f6a3e-6f0c-4a3c-9d2b-1f2e3d4c5b6a
            metadata:
              name: web
              namespace: margo-poc
              deviceId: gw1/devA
            spec:
              applicationId: com-example-web
              deploymentProfile:
                type: compose
                components:
                  - name: web
                    properties:
                      repository: oci://registry.example/compose/web
                      revision: 1.0.0
            """;

    static final org.openmargo.wfm.presence.Presence PRESENCE = new org.openmargo.wfm.presence.Presence(
            java.time.Clock.fixed(java.time.Instant.parse("2026-12-01T08:00:00Z"), java.time.ZoneOffset.UTC));

    private final DirectClient client;

    OperatorApiRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Optional<IdentityService> service = Optional.of(FIXTURE.identityService);
        OperatorApi.routing(routing, TOKEN,
                new ClientsService(new ClientOverview(FIXTURE.database.clients(), FIXTURE.database.devices(),
                        FIXTURE.database.desiredState(), FIXTURE.database.statuses(), PRESENCE),
                        FIXTURE.identity.policy(),
                        FIXTURE.tokens, FIXTURE.audit),
                new DeploymentsService(FIXTURE.desiredState, FIXTURE.audit, 65536),
                new SvidSigningService(service, FIXTURE.identity.policy(), FIXTURE.audit),
                new EnrollmentTokensService(FIXTURE.tokens, service, FIXTURE.audit),
                new DiscoveryService(service),
                new AuditService(FIXTURE.audit),
                new CaService(Optional.of(CA), FIXTURE.audit),
                outage("/operator/v1/outage"));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    /** One exchange, read whole. */
    record Answer(Status status, String contentType, String body) {
    }

    @Test
    void anyResource_withoutOperatorToken_401WithBearerChallenge() {
        try (Http1ClientResponse res = client.get("/operator/v1/clients").request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(res.headers().first(HeaderNames.WWW_AUTHENTICATE)).contains("Bearer realm=\"wfm-operator\"");
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.UNAUTHORIZED.uri() + "\"");
        }
    }

    @Test
    void clients_acceptShowRetire_standingFollowsAndUnknown404() {
        assertThat(call(Method.POST, "/operator/v1/clients/press-1/accept", null, null).body())
                .isEqualTo("{\"clientId\":\"press-1\",\"standing\":\"accepted\"}");
        assertThat(call(Method.GET, "/operator/v1/clients/press-1", null, null).body())
                .isEqualTo("{\"clientId\":\"press-1\",\"standing\":\"accepted\",\"manifestVersion\":\"1\","
                        + "\"devices\":[],\"deployments\":[]}");
        assertThat(call(Method.GET, "/operator/v1/clients", null, null).body()).contains("{\"clientId\":\"press-1\",");
        assertThat(call(Method.POST, "/operator/v1/clients/press-1/retire", null, null).body())
                .isEqualTo("{\"clientId\":\"press-1\",\"standing\":\"retired\"}");

        Answer unknown = call(Method.GET, "/operator/v1/clients/nobody-knows", null, null);
        assertThat(unknown.status()).isEqualTo(Status.NOT_FOUND_404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void deployments_putThenRemove_201CreatedThen200ThenRemoved404() {
        Answer put = call(Method.PUT, "/operator/v1/clients/line-1/deployments", "application/yaml", YAML);
        assertThat(put.status()).as(put.body()).isEqualTo(Status.CREATED_201);
        assertThat(put.body()).startsWith("{\"deploymentId\":\"0b0f6a3e-6f0c-4a3c-9d2b-1f2e3d4c5b6a\","
                + "\"digest\":\"sha256:").endsWith("\"change\":\"created\",\"manifestVersion\":\"2\"}");

        Answer again = call(Method.PUT, "/operator/v1/clients/line-1/deployments", "application/yaml", YAML);
        assertThat(again.status()).isEqualTo(Status.OK_200);
        assertThat(again.body()).contains("\"change\":\"unchanged\"");

        String path = "/operator/v1/clients/line-1/deployments/0b0f6a3e-6f0c-4a3c-9d2b-1f2e3d4c5b6a";
        assertThat(call(Method.DELETE, path, null, null).body())
                .isEqualTo("{\"deploymentId\":\"0b0f6a3e-6f0c-4a3c-9d2b-1f2e3d4c5b6a\",\"manifestVersion\":\"3\"}");
        assertThat(call(Method.DELETE, path, null, null).status()).isEqualTo(Status.NOT_FOUND_404);
    }

    @Test
    void history_statusChanges_newestFirstUnknownDeployment404AndLastPollShown() {
        call(Method.PUT, "/operator/v1/clients/hist-1/deployments", "application/yaml", YAML);
        String id = "0b0f6a3e-6f0c-4a3c-9d2b-1f2e3d4c5b6a";
        for (var state : java.util.List.of(org.openmargo.wfm.status.DeploymentState.INSTALLING,
                org.openmargo.wfm.status.DeploymentState.INSTALLING, org.openmargo.wfm.status.DeploymentState.INSTALLED)) {
            FIXTURE.database.statuses().upsert("hist-1", new org.openmargo.wfm.status.StatusReport(id,
                    Optional.empty(), 2, state, java.util.List.of(
                            new org.openmargo.wfm.status.StatusReport.ComponentStatus("web", state)),
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        PRESENCE.polled("hist-1", 2);

        Answer history = call(Method.GET, "/operator/v1/clients/hist-1/deployments/" + id + "/history", null, null);

        assertThat(history.status()).isEqualTo(Status.OK_200);
        assertThat(history.body()).startsWith("{\"clientId\":\"hist-1\",\"deploymentId\":\"" + id
                + "\",\"changes\":[{\"seq\":2,\"state\":\"installed\",\"adoptedManifestVersion\":\"2\","
                + "\"receivedAt\":\"").contains("\"components\":[{\"name\":\"web\",\"state\":\"installed\"}]},"
                + "{\"seq\":1,\"state\":\"installing\"");
        assertThat(call(Method.GET, "/operator/v1/clients/hist-1/deployments/nope/history", null, null).status())
                .isEqualTo(Status.NOT_FOUND_404);
        assertThat(call(Method.GET, "/operator/v1/clients/hist-1", null, null).body())
                .contains("\"lastPoll\":\"2026-12-01T08:00:00Z\"");
    }

    @Test
    void svid_pemCsr_201PemChainAndClientAccepted() {
        Answer answer = call(Method.POST, "/operator/v1/clients/air-gapped-1/svid", "text/plain",
                Csrs.p256().pem());

        assertThat(answer.status()).isEqualTo(Status.CREATED_201);
        assertThat(answer.contentType()).isEqualTo("application/pem-certificate-chain");
        assertThat(answer.body()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(FIXTURE.identity.policy().decide("air-gapped-1").name()).isEqualTo("ACCEPTED");
    }

    @Test
    void svid_rsa2048Csr_422CsrRejected() {
        Answer answer = call(Method.POST, "/operator/v1/clients/air-gapped-2/svid", "text/plain",
                Csrs.rsa2048().pem());

        assertThat(answer.status().code()).isEqualTo(422);
        assertThat(answer.body()).contains("\"type\":\"" + ProblemType.CSR_REJECTED.uri() + "\"");
    }

    @Test
    void enrollmentTokens_createListRevoke_secretOnlyOnceAndStateFollows() {
        Answer created = call(Method.POST, "/operator/v1/enrollment-tokens", "application/json",
                "{\"clientId\":\"dev-9\",\"ttl\":\"PT1H\"}");
        assertThat(created.status()).isEqualTo(Status.CREATED_201);
        assertThat(created.body()).matches("\\{\"token\":\"[A-Za-z0-9_-]{43}\",\"tokenId\":\"[0-9a-f]{16}\","
                + "\"clientId\":\"dev-9\",\"expiresAt\":\"[^\"]+\",\"discoveryUri\":\"" + ApiFixture.DISCOVERY
                + "\",\"pins\":\\[\"" + ApiFixture.PIN + "\"]}");
        String tokenId = created.body().replaceAll(".*\"tokenId\":\"([0-9a-f]{16})\".*", "$1");

        String list = call(Method.GET, "/operator/v1/enrollment-tokens", null, null).body();
        assertThat(list).contains("\"tokenId\":\"" + tokenId + "\",\"clientId\":\"dev-9\"")
                .contains("\"state\":\"unused\"").doesNotContain("\"token\":");

        assertThat(call(Method.DELETE, "/operator/v1/enrollment-tokens/" + tokenId, null, null).body())
                .isEqualTo("{\"tokenId\":\"" + tokenId + "\",\"state\":\"revoked\"}");
        assertThat(call(Method.DELETE, "/operator/v1/enrollment-tokens/" + tokenId, null, null).status())
                .isEqualTo(Status.NOT_FOUND_404);
    }

    @Test
    void discovery_identityServicePresent_urlPinsAndAgentConfig() {
        Answer answer = call(Method.GET, "/operator/v1/discovery", null, null);

        assertThat(answer.status()).isEqualTo(Status.OK_200);
        assertThat(answer.body()).startsWith("{\"discoveryUri\":\"" + ApiFixture.DISCOVERY + "\",\"pins\":[\""
                + ApiFixture.PIN + "\"],\"agentConfig\":\"trust.discovery-url = " + ApiFixture.DISCOVERY
                + "\\ntrust.pins = " + ApiFixture.PIN + "\\n\",\"document\":{");
    }

    @Test
    void audit_afterAChange_entryNamesActorActionTargetAndBadLimitIs400() {
        call(Method.POST, "/operator/v1/clients/audited-1/accept", null, null);

        assertThat(call(Method.GET, "/operator/v1/audit?limit=1000", null, null).body())
                .contains("\"actor\":\"alice\"")
                .contains("\"action\":\"client.accept\",\"target\":\"audited-1\"");
        Answer bad = call(Method.GET, "/operator/v1/audit?limit=0", null, null);
        assertThat(bad.status()).isEqualTo(Status.BAD_REQUEST_400);
        assertThat(bad.body()).contains("\"detail\":\"limit must be one integer from 1 to 1000.\"");
    }

    @Test
    void clients_pagedAndFiltered_onlyThePageDescribedWithTotalOfMatches() {
        for (String id : new String[] {"page-a1", "page-a2", "page-a3", "page-b1"}) {
            call(Method.POST, "/operator/v1/clients/" + id + "/accept", null, null);
        }
        call(Method.POST, "/operator/v1/clients/page-a3/retire", null, null);

        String first = call(Method.GET, "/operator/v1/clients?q=PAGE-A&limit=2", null, null).body();
        assertThat(first).contains("\"clientId\":\"page-a1\"").contains("\"clientId\":\"page-a2\"")
                .doesNotContain("page-a3").doesNotContain("page-b1")
                .endsWith("\"total\":3,\"offset\":0,\"limit\":2}");
        assertThat(call(Method.GET, "/operator/v1/clients?q=page-a&limit=2&offset=2", null, null).body())
                .contains("\"clientId\":\"page-a3\"").doesNotContain("page-a1")
                .endsWith("\"total\":3,\"offset\":2,\"limit\":2}");
        assertThat(call(Method.GET, "/operator/v1/clients?q=page-&standing=retired", null, null).body())
                .contains("\"clientId\":\"page-a3\"").doesNotContain("page-a1")
                .endsWith("\"total\":1,\"offset\":0}");
        Answer bad = call(Method.GET, "/operator/v1/clients?limit=501", null, null);
        assertThat(bad.status()).isEqualTo(Status.BAD_REQUEST_400);
        assertThat(bad.body()).contains("\"detail\":\"limit must be an integer from 1 to 500.\"");
        assertThat(call(Method.GET, "/operator/v1/clients?standing=gone", null, null).status())
                .isEqualTo(Status.BAD_REQUEST_400);
    }

    @Test
    void audit_filteredByActorActionTarget_onlyMatchingEntriesAndWildcardsAreLiteral() {
        call(Method.POST, "/operator/v1/clients/filter_1/accept", null, null);
        call(Method.POST, "/operator/v1/clients/filterx1/accept", null, null);
        call(Method.POST, "/operator/v1/clients/filter_1/retire", null, null);

        String accepts = call(Method.GET, "/operator/v1/audit?limit=1000&action=ACCEPT&target=filter_1", null,
                null).body();
        assertThat(accepts).contains("\"action\":\"client.accept\",\"target\":\"filter_1\"")
                .doesNotContain("filterx1").doesNotContain("client.retire");
        assertThat(call(Method.GET, "/operator/v1/audit?actor=nobody-by-this-name", null, null).body())
                .isEqualTo("{\"entries\":[]}");
        assertThat(call(Method.GET, "/operator/v1/audit?actor=" + "a".repeat(129), null, null).status())
                .isEqualTo(Status.BAD_REQUEST_400);
    }

    @Test
    void consolePaths_withoutOperatorToken_notChallengedByTheTokenFilter() {
        try (Http1ClientResponse res = client.get("/console/anything").request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
        }
        try (Http1ClientResponse res = client.get("/operator/v1/console").request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
        }
    }

    @Test
    void ca_showAndRotationOutOfOrder_200AnchorsThen409Conflict() {
        Answer shown = call(Method.GET, "/operator/v1/ca", null, null);
        assertThat(shown.status()).isEqualTo(Status.OK_200);
        assertThat(shown.body()).startsWith("{\"anchors\":[{\"fingerprint\":\"")
                .contains("\"state\":\"active\"").contains("\"bundleSequence\":");

        Answer finish = call(Method.POST, "/operator/v1/ca/rotation", "application/json", "{\"step\":\"finish\"}");
        assertThat(finish.status()).isEqualTo(Status.CONFLICT_409);
        assertThat(call(Method.POST, "/operator/v1/ca/rotation", "application/json", "{\"step\":\"later\"}")
                .status()).isEqualTo(Status.BAD_REQUEST_400);
    }

    @Test
    void anyResource_databaseOutage_503WithRetryAfter() {
        try (Http1ClientResponse res = client.get("/operator/v1/outage")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TOKEN).request()) {
            assertThat(res.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
            assertThat(res.headers().first(HeaderNames.RETRY_AFTER)).contains("30");
        }
    }

    @Test
    void unknownPathAndMatrixParameter_404And400() {
        assertThat(call(Method.GET, "/operator/v1/nothing", null, null).status()).isEqualTo(Status.NOT_FOUND_404);
        assertThat(call(Method.POST, "/operator/v1/clients/a;x=1/accept", null, null).status())
                .isEqualTo(Status.BAD_REQUEST_400);
    }

    /** A resource standing in for any handler whose database is down: only the error mapping answers it. */
    static HttpService outage(String path) {
        return rules -> rules.get(path, (req, res) -> {
            throw StoreException.of("reading", new SQLTransientConnectionException("Connection is not available"));
        });
    }

    private Answer call(Method method, String path, String contentType, String body) {
        int query = path.indexOf('?');
        Http1ClientRequest request = client.method(method).path(query < 0 ? path : path.substring(0, query))
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TOKEN)
                .header(HeaderNames.create("X-Operator-Name"), "alice");
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                String[] parameter = pair.split("=", 2);
                request.queryParam(parameter[0], parameter[1]);
            }
        }
        if (contentType != null) {
            request.header(HeaderNames.CONTENT_TYPE, contentType);
        }
        try (Http1ClientResponse res = body == null ? request.request() : request.submit(body)) {
            return new Answer(res.status(), res.headers().first(HeaderNames.CONTENT_TYPE).orElse(""),
                    res.as(String.class));
        }
    }
}
