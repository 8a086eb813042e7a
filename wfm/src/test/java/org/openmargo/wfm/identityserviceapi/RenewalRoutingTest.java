package org.openmargo.wfm.identityserviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.testapi.ApiFixture;
import org.openmargo.wfm.testpki.Csrs;

/**
 * SVID renewal in memory, mounted as in production on the device API's routing: the caller's current SVID chain is
 * handed to Helidon's {@code DirectClient} as the mTLS layer would, and the new SVID is always for that caller.
 */
@RoutingTest
class RenewalRoutingTest {
    static final ApiFixture FIXTURE = ApiFixture.create();

    private final DirectClient client;

    RenewalRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        DeviceApi.routing(routing, FIXTURE.identity.authenticator(), new RenewalEndpoint(
                FIXTURE.identity.authenticator(), Optional.<IdentityService>of(FIXTURE.identityService),
                FIXTURE.audit));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    @Test
    void renew_acceptedCaller_200NewSvidForTheCallerItself() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("renewing-1"));

        try (Http1ClientResponse res = renew("{\"csr\":\"" + Csrs.p256().pem().replace("\n", "\\n") + "\"}")) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().first(HeaderNames.CACHE_CONTROL)).contains("no-store");
            assertThat(res.as(String.class))
                    .startsWith("{\"spiffeId\":\"spiffe://plant.example/margo/wfm/wfm-a/client/renewing-1\",");
        }
    }

    @Test
    void renew_retiredCaller_403NotAuthorized() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("renewing-2"));
        FIXTURE.identity.policy().retire("renewing-2");

        try (Http1ClientResponse res = renew("{\"csr\":\"" + Csrs.p256().pem().replace("\n", "\\n") + "\"}")) {
            assertThat(res.status()).isEqualTo(Status.FORBIDDEN_403);
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.NOT_AUTHORIZED.uri() + "\"");
        }
    }

    @Test
    void renew_rejectedCsr_422CsrRejected() {
        client.clientTlsCertificates(FIXTURE.acceptedClient("renewing-3"));

        try (Http1ClientResponse res = renew("{\"csr\":\"" + Csrs.rsa2048().pem().replace("\n", "\\n") + "\"}")) {
            assertThat(res.status().code()).isEqualTo(422);
            assertThat(res.as(String.class)).contains("\"type\":\"" + ProblemType.CSR_REJECTED.uri() + "\"");
        }
    }

    private Http1ClientResponse renew(String json) {
        return client.post(RenewalEndpoint.PATH).header(HeaderNames.CONTENT_TYPE, "application/json").submit(json);
    }
}
