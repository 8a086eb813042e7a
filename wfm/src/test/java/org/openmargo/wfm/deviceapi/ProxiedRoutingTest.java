package org.openmargo.wfm.deviceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.forwarded.ProxyIdentity;
import org.openmargo.wfm.testapi.ApiFixture;
import org.openmargo.wfm.testpki.TestPki;

/**
 * {@link DeviceApi#proxiedRouting} in memory, with the connection's TLS peer chain handed to Helidon's
 * {@link DirectClient} as the TLS layer would: forwarded fields count only when the peer is the pinned proxy, whatever
 * the handshake let through (a resumed session skips it).
 */
@RoutingTest
class ProxiedRoutingTest {
    static final ApiFixture FIXTURE = ApiFixture.create();
    static final TestPki.Svid PROXY = FIXTURE.pki.issue(FIXTURE.pki.newRoot("haproxy"),
            FIXTURE.pki.leafSpec("spiffe://proxy.example/haproxy"));

    private final DirectClient client;

    ProxiedRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        DeviceApi.proxiedRouting(routing, ProxyIdentity.of(Set.of(ProxyIdentity.fingerprint(PROXY.leaf()))),
                FIXTURE.identity.authenticator(),
                new DeploymentsService(FIXTURE.desiredState, FIXTURE.database.statuses(), 4096));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    private static String item(Certificate c) {
        try {
            return ":" + Base64.getEncoder().encodeToString(c.getEncoded()) + ":";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Status manifest(String forwarded) {
        try (Http1ClientResponse res = client.get("/api/v1/deployments").header(
                io.helidon.http.HeaderNames.create("Client-Cert"), forwarded).request()) {
            return res.status();
        }
    }

    @Test
    void proxiedRouting_peerIsThePinnedProxy_forwardedClientServed() {
        String forwarded = item(FIXTURE.acceptedClient("proxied-1")[0]);
        client.clientTlsCertificates(PROXY.chainArray());

        assertThat(manifest(forwarded)).isEqualTo(Status.OK_200);
    }

    @Test
    void proxiedRouting_peerIsADeviceForgingTheField_401() {
        String forwarded = item(FIXTURE.acceptedClient("proxied-2")[0]);
        client.clientTlsCertificates(FIXTURE.acceptedClient("forger"));

        assertThat(manifest(forwarded)).isEqualTo(Status.UNAUTHORIZED_401);
    }

    @Test
    void proxiedRouting_noPeerCertificate_401() {
        String forwarded = item(FIXTURE.acceptedClient("proxied-3")[0]);
        client.clientTlsCertificates(new X509Certificate[0]);

        assertThat(manifest(forwarded)).isEqualTo(Status.UNAUTHORIZED_401);
    }
}
