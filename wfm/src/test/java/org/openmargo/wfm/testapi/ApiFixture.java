package org.openmargo.wfm.testapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.openmargo.wfm.BuiltInWfm;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.enrollment.Enrollment;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identity.IdentitySettings;
import org.openmargo.wfm.identity.SvidKeyManager;
import org.openmargo.wfm.identityservice.BuiltInMis;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.testclock.MutableClock;
import org.openmargo.wfm.testpki.TestIdentityService;
import org.openmargo.wfm.testpki.TestPki;

/**
 * The real components the HTTP services of the three APIs are built from, without any listener: a migrated H2
 * in-memory database of its own, the identity layer over a {@link TestPki} (so a client chain handed to Helidon's
 * {@code DirectClient} goes through the real authentication filter), the manifest cache, the audit log, enrollment
 * tokens on a {@link MutableClock}, and a {@link TestIdentityService} that really signs. For {@code @RoutingTest}
 * classes: create it in a static field, {@link #close()} it after all tests.
 */
public final class ApiFixture implements AutoCloseable {
    public static final String TRUST_DOMAIN = "plant.example";
    public static final String WFM_ID = "wfm-a";
    public static final String DISCOVERY = "https://mis.plant.example/.well-known/margo";
    public static final String PIN = "sha256:" + "ab".repeat(32);

    public final Path dir;
    public final TestPki pki = TestPki.create(TRUST_DOMAIN, WFM_ID);
    public final MutableClock clock = new MutableClock(Instant.now());
    public final Database database;
    public final Identity identity;
    public final ManifestCache desiredState;
    public final AuditLog audit;
    public final EnrollmentTokens tokens;
    public final TestIdentityService identityService;
    public final Enrollment enrollment;

    private ApiFixture() throws IOException {
        dir = Files.createTempDirectory("api-fixture");
        TestPki.ServerFiles files = pki.writeServerFiles(dir.resolve("identity"));
        database = Database.open(new DatabaseSettings("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "", 4));
        identity = Identity.create(new IdentitySettings(TRUST_DOMAIN, WFM_ID, files.trustBundle(), false,
                        Duration.ofMinutes(5), Duration.ofMinutes(5), false),
                SvidKeyManager.fromFiles(files.certificateChain(), files.privateKey()), database.clients(),
                Clock.systemUTC());
        desiredState = ManifestCache.create(database.desiredState(), Duration.ofMillis(1), 100);
        audit = new AuditLog(database.audit(), Clock.systemUTC());
        tokens = new EnrollmentTokens(database.enrollmentTokens(), clock, new SecureRandom());
        identityService = new TestIdentityService(pki, Clock.systemUTC(), Duration.ofDays(1), URI.create(DISCOVERY),
                List.of(PIN));
        enrollment = new Enrollment(tokens, identityService, identity.policy());
    }

    /** A fresh fixture; the caller closes it. */
    public static ApiFixture create() {
        try {
            return new ApiFixture();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TLS peer chain of an SVID for {@code clientId}, leaf first, as {@code DirectClient} presents it. */
    public Certificate[] chainOf(String clientId) {
        return pki.client(clientId).chainArray();
    }

    /** The chain of a client accepted by the policy. */
    public Certificate[] acceptedClient(String clientId) {
        identity.policy().accept(clientId);
        return chainOf(clientId);
    }

    /** A built-in identity service with a real CA in this fixture's database and directory (created on each call). */
    public BuiltInMis builtInMis() {
        try {
            return BuiltInMis.create(BuiltInWfm.settings(dir.resolve("mis-" + UUID.randomUUID()), Map.of()),
                    database.anchors(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
