package org.openmargo.wfm.identityserviceapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.helidon.webserver.WebServer;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.deviceapi.BundlesService;
import org.openmargo.wfm.deviceapi.CapabilitiesService;
import org.openmargo.wfm.deviceapi.DeploymentsService;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.enrollment.Enrollment;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.httpcommon.ProblemDirectHandler;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identity.IdentitySettings;
import org.openmargo.wfm.identity.SvidKeyManager;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.operatorapi.AuditService;
import org.openmargo.wfm.operatorapi.CaService;
import org.openmargo.wfm.operatorapi.ClientOverview;
import org.openmargo.wfm.operatorapi.ClientsService;
import org.openmargo.wfm.operatorapi.DiscoveryService;
import org.openmargo.wfm.operatorapi.EnrollmentTokensService;
import org.openmargo.wfm.operatorapi.OperatorApi;
import org.openmargo.wfm.operatorapi.SvidSigningService;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.testclock.MutableClock;
import org.openmargo.wfm.testpki.MisTls;
import org.openmargo.wfm.testpki.TestIdentityService;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A WFM assembled like {@code WfmServer} but with an identity service: an H2 database, the mTLS device API with the
 * renewal endpoint, a server-authenticated MIS listener with the enrollment endpoint, and the operator API. The
 * identity service is a {@link TestIdentityService} signing under the {@link TestPki} root the device API trusts, so
 * an enrolled SVID really opens the device API.
 */
public final class EnrollmentWfm implements AutoCloseable {
    static final String OPERATOR_TOKEN = "operator-token-for-tests-0123456789";

    final TestPki pki = TestPki.create("plant.example", "wfm-a");
    final MisTls misTls = MisTls.create();
    final MutableClock tokenClock = new MutableClock(Instant.now());
    final Database database;
    final TestIdentityService identityService;
    final Identity identity;
    final WebServer server;

    EnrollmentWfm(Path dir) throws IOException {
        TestPki.ServerFiles files = pki.writeServerFiles(dir.resolve("identity"));
        database = Database.open(new DatabaseSettings("jdbc:h2:file:" + dir.resolve("db/wfm")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "", 10));
        identity = Identity.create(new IdentitySettings("plant.example", "wfm-a", files.trustBundle(), false,
                Duration.ofMinutes(5), Duration.ofSeconds(1), false),
                SvidKeyManager.fromFiles(files.certificateChain(), files.privateKey()), database.clients(),
                Clock.systemUTC());
        identityService = new TestIdentityService(pki, Clock.systemUTC(), Duration.ofDays(1),
                URI.create("https://localhost:8444/.well-known/margo"), List.of(misTls.pin()));
        AuditLog audit = new AuditLog(database.audit(), Clock.systemUTC());
        EnrollmentTokens tokens = new EnrollmentTokens(database.enrollmentTokens(), tokenClock, new SecureRandom());
        Enrollment enrollment = new Enrollment(tokens, identityService, identity.policy());
        ManifestCache desiredState = ManifestCache.create(database.desiredState(), Duration.ofSeconds(1), 100);
        ClientOverview overview = new ClientOverview(database.clients(), database.devices(), database.desiredState(),
                database.statuses(), new org.openmargo.wfm.presence.Presence(Clock.systemUTC()));
        Optional<IdentityService> service = Optional.of(identityService);
        server = WebServer.builder()
                .host("127.0.0.1").port(0)
                .tls(identity.serverTls())
                .directHandlers(ProblemDirectHandler.all())
                .routing(r -> DeviceApi.routing(r, identity.authenticator(),
                        new RenewalEndpoint(identity.authenticator(), service, audit),
                        new CapabilitiesService(database.devices(), 65536),
                        new DeploymentsService(desiredState, database.statuses(), 65536),
                        new BundlesService(desiredState)))
                .putSocket("mis", s -> s.host("127.0.0.1").port(0).tls(misTls.serverTls())
                        .directHandlers(ProblemDirectHandler.all())
                        .routing(r -> IdentityServiceApi.routing(r, new EnrollmentEndpoint(enrollment, audit))))
                .putSocket("operator", s -> s.host("127.0.0.1").port(0)
                        .directHandlers(ProblemDirectHandler.all())
                        .routing(r -> OperatorApi.routing(r, OPERATOR_TOKEN,
                                new ClientsService(overview, identity.policy(), tokens, audit),
                                new org.openmargo.wfm.operatorapi.DeploymentsService(desiredState, audit, 65536),
                                new SvidSigningService(service, identity.policy(), audit),
                                new EnrollmentTokensService(tokens, service, audit),
                                new DiscoveryService(service),
                                new AuditService(audit),
                                new CaService(Optional.empty(), audit))))
                .build()
                .start();
    }

    URI mis(String path) {
        return URI.create("https://localhost:" + server.port("mis") + path);
    }

    URI device(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    String operatorUrl() {
        return "http://127.0.0.1:" + server.port("operator");
    }

    HttpClient misClient() {
        return HttpClient.newBuilder().sslContext(misTls.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
    }

    HttpResponse<String> operator(String method, String path, String contentType, String body, String name)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(operatorUrl() + path))
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (name != null) {
            request.header("X-Operator-Name", name);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a token through the operator API and returns its secret. */
    String token(String clientId, String ttl) throws IOException, InterruptedException {
        String body = "{\"clientId\":\"" + clientId + "\"" + (ttl == null ? "" : ",\"ttl\":\"" + ttl + "\"") + "}";
        HttpResponse<String> created = operator("POST", "/operator/v1/enrollment-tokens", "application/json", body,
                "alice");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("token creation failed: " + created.body());
        }
        return created.body().replaceAll(".*\"token\":\"([A-Za-z0-9_-]+)\".*", "$1");
    }

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
