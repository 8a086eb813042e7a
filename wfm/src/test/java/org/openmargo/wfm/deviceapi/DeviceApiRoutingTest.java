package org.openmargo.wfm.deviceapi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.openmargo.wfm.desiredstate.BundleRef;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.testapi.ApiFixture;

/**
 * Every resource of the device API, in memory: the real routing ({@link DeviceApi#routing}, the authentication filter,
 * the error mapping) over real stores on H2, with the caller's X.509-SVID chain handed to Helidon's
 * {@link DirectClient} as the TLS layer would (no socket, no handshake).
 */
@RoutingTest
class DeviceApiRoutingTest {
    static final ApiFixture FIXTURE = ApiFixture.create();
    static final String CAPABILITIES = "{\"properties\":{\"id\":\"dev-1\",\"vendor\":\"v\",\"modelNumber\":\"m\","
            + "\"serialNumber\":\"s\"}}";
    static final String COMPOSE = """
            id: ad9b614e-8912-45f4-a523-372358765def
            metadata:
              name: digitron-orchestrator-docker
              namespace: margo-poc
              deviceId: gw1/devA
            spec:
              applicationId: com-northstarida-digitron-orchestrator
              deploymentProfile:
                type: compose
                components:
                  - name: digitron-orchestrator-docker
                    properties:
                      repository: oci://northstarida.azurecr.io/compose/digitron-orchestrator
                      revision: 1.0.0
            """;

    private final DirectClient client;

    DeviceApiRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        DeviceApi.routing(routing, FIXTURE.identity.authenticator(),
                new CapabilitiesService(FIXTURE.database.devices(), 4096),
                new DeploymentsService(FIXTURE.desiredState, FIXTURE.database.statuses(), 4096),
                new BundlesService(FIXTURE.desiredState), outage("/api/v1/outage"));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    @Test
    void capabilities_putNewSameThenDelete_201Then200Then204() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("caps-client"));

        assertThat(put("/api/v1/capabilities/dev-1", CAPABILITIES)).isEqualTo(Status.CREATED_201);
        assertThat(put("/api/v1/capabilities/dev-1", CAPABILITIES)).isEqualTo(Status.OK_200);
        try (Http1ClientResponse res = client.delete("/api/v1/capabilities/dev-1").request()) {
            assertThat(res.status()).isEqualTo(Status.NO_CONTENT_204);
        }
        assertThat(FIXTURE.database.devices().devices("caps-client")).isEmpty();
    }

    @Test
    void capabilities_clientNotAccepted_403NotAuthorizedAndNothingStored() {
        client.clientTlsCertificates(FIXTURE.chainOf("stranger"));

        try (Http1ClientResponse res = client.put("/api/v1/capabilities/dev-1")
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(CAPABILITIES)) {
            assertThat(res.status()).isEqualTo(Status.FORBIDDEN_403);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).contains("application/problem+json");
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.NOT_AUTHORIZED.uri() + "\"")
                    .contains("\"detail\":\"client 'stranger' is not accepted by this WFM\"");
        }
        assertThat(FIXTURE.database.devices().devices("stranger")).isEmpty();
    }

    @Test
    void anyResource_noClientCertificate_403NotAuthorized() {
        client.clientTlsCertificates(null);

        try (Http1ClientResponse res = client.get("/api/v1/deployments").request()) {
            assertThat(res.status()).isEqualTo(Status.FORBIDDEN_403);
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.NOT_AUTHORIZED.uri() + "\"");
        }
    }

    @Test
    void manifest_getThenIfNoneMatch_200WithEtagThen304() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("manifest-client"));

        String etag;
        try (Http1ClientResponse res = client.get("/api/v1/deployments").request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE))
                    .contains(DeploymentsService.MANIFEST_MEDIA_TYPE);
            assertThat(res.headers().first(HeaderNames.CACHE_CONTROL)).contains("private");
            assertThat(res.as(String.class)).isEqualTo("{\"bundle\":null,\"deployments\":[],\"manifestVersion\":1}");
            etag = res.headers().first(HeaderNames.ETAG).orElseThrow();
        }
        try (Http1ClientResponse res = client.get("/api/v1/deployments").header(HeaderNames.IF_NONE_MATCH, etag)
                .request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_MODIFIED_304);
            assertThat(res.headers().first(HeaderNames.ETAG)).contains(etag);
        }
    }

    @Test
    void deploymentYaml_byIdAndDigest_exactBytesImmutableElse404() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("yaml-client"));
        ValidatedDeployment deployment = seed("yaml-client");
        String path = "/api/v1/deployments/" + deployment.id() + "/" + deployment.digest().value();

        try (Http1ClientResponse res = client.get(path).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).contains("application/yaml");
            assertThat(res.headers().first(HeaderNames.ETAG)).contains(deployment.digest().etag());
            assertThat(res.headers().first(HeaderNames.CACHE_CONTROL)).contains(DeploymentsService.IMMUTABLE);
            assertThat(res.as(byte[].class)).isEqualTo(COMPOSE.getBytes(UTF_8));
        }
        try (Http1ClientResponse res = client.get("/api/v1/deployments/" + deployment.id() + "/sha256:"
                + "0".repeat(64)).request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.DEPLOYMENT_NOT_FOUND.uri() + "\"");
        }
    }

    @Test
    void bundle_referencedByManifest_200BundleBytesElse404InvalidBundle() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("bundle-client"));
        seed("bundle-client");
        String manifest;
        try (Http1ClientResponse res = client.get("/api/v1/deployments").request()) {
            manifest = res.as(String.class);
        }
        Matcher digest = Pattern.compile("\"bundle\":\\{\"digest\":\"(sha256:[0-9a-f]{64})\"").matcher(manifest);
        assertThat(digest.find()).as(manifest).isTrue();

        try (Http1ClientResponse res = client.get("/api/v1/bundles/" + digest.group(1)).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).contains(BundleRef.MEDIA_TYPE);
            assertThat(res.headers().first(HeaderNames.ETAG)).contains("\"" + digest.group(1) + "\"");
            assertThat(res.as(byte[].class)).isNotEmpty();
        }
        try (Http1ClientResponse res = client.get("/api/v1/bundles/sha256:" + "1".repeat(64)).request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.INVALID_BUNDLE.uri() + "\"");
        }
    }

    @Test
    void status_firstThenRepeatedReport_201Then200() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("status-client"));
        ValidatedDeployment deployment = seed("status-client");
        String report = "{\"deploymentId\":\"" + deployment.id() + "\",\"adoptedManifestVersion\":2,"
                + "\"status\":{\"state\":\"installed\"},"
                + "\"components\":[{\"name\":\"digitron-orchestrator-docker\",\"state\":\"installed\"}]}";
        String path = "/api/v1/deployments/" + deployment.id() + "/status";

        assertThat(post(path, report)).isEqualTo(Status.CREATED_201);
        assertThat(post(path, report)).isEqualTo(Status.OK_200);
        assertThat(FIXTURE.database.statuses().latest("status-client")).hasSize(1);
    }

    @Test
    void anyResource_databaseOutage_503WithRetryAfter() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("outage-client"));

        try (Http1ClientResponse res = client.get("/api/v1/outage").request()) {
            assertThat(res.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
            assertThat(res.headers().first(HeaderNames.RETRY_AFTER)).contains("30");
            assertThat(res.as(String.class)).contains("\"retryable\":true");
        }
    }

    @Test
    void unknownPath_authenticatedCaller_404ProblemJson() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("lost-client"));

        try (Http1ClientResponse res = client.get("/api/v2/nothing").request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).contains("application/problem+json");
            assertThat(res.as(String.class)).contains("\"detail\":\"There is no Margo endpoint at this path.\"");
        }
    }

    /** A resource standing in for any handler whose database is down: only the error mapping answers it. */
    static HttpService outage(String path) {
        return rules -> rules.get(path, (req, res) -> {
            throw StoreException.of("reading", new SQLTransientConnectionException("Connection is not available"));
        });
    }

    private static ValidatedDeployment seed(String clientId) {
        ValidatedDeployment deployment = DeploymentValidator.validate(COMPOSE.getBytes(UTF_8));
        FIXTURE.desiredState.put(clientId, deployment);
        return deployment;
    }

    private Status put(String path, String json) {
        try (Http1ClientResponse res = client.put(path).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(json)) {
            return res.status();
        }
    }

    private Status post(String path, String json) {
        try (Http1ClientResponse res = client.post(path).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(json)) {
            return res.status();
        }
    }
}
