package org.openmargo.benchmarks;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.StoredManifest;
import org.openmargo.wfm.identity.CallerAuthenticator;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identity.IdentitySettings;
import org.openmargo.wfm.ca.AnchorAlgorithm;
import org.openmargo.wfm.ca.CaSettings;
import org.openmargo.wfm.ca.CertificateAuthority;
import org.openmargo.wfm.identity.SvidKeyManager;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.identityservice.ClientCredentials;
import org.openmargo.wfm.identityservice.IssuedSvid;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/**
 * The work a WFM does for a device poll answered 304, minus HTTP and TLS: authenticate the caller's SVID (cache hit),
 * check the accepted-client policy, find the client's current manifest and compare its ETag. {@code clients} is the
 * number of registered clients (all accepted, every one with a cached manifest, one in a hundred with deployments);
 * the claim under test is that the cost does not grow with it. {@code naivePoll304} is the baseline a simple
 * implementation would have: read the manifest from the database and hash it on every poll.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ManifestPollBenchmark {
    private static final int SVIDS = 16;

    @Param({"1000", "100000"})
    public int clients;

    private Path dir;
    private Database database;
    private ManifestCache cache;
    private Identity identity;
    private CallerAuthenticator authenticator;
    private String[] clientIds;
    private String[] etags;
    private final List<Optional<Certificate[]>> chains = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("bench-poll");
        database = Database.open(new DatabaseSettings("jdbc:h2:mem:poll" + clients
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 4));
        cache = ManifestCache.create(database.desiredState(), Duration.ofHours(1), clients + SVIDS);
        clientIds = new String[clients];
        etags = new String[clients];
        for (int i = 0; i < clients; i++) {
            clientIds[i] = "client-" + i;
            database.clients().accept(clientIds[i]);
            if (i % 100 == 0) {
                byte[] yaml = PollFixtures.deploymentYaml(UUID.randomUUID(), "dev-" + i);
                cache.put(clientIds[i], DeploymentValidator.validate(yaml));
            }
        }
        CertificateAuthority ca = CertificateAuthority.open(new CaSettings("bench.test", AnchorAlgorithm.ES256,
                Duration.ofDays(365), Duration.ofHours(1), "bench-passphrase".toCharArray(), Optional.empty()),
                database.anchors(), Clock.systemUTC());
        BuiltInIdentityService mis = new BuiltInIdentityService(ca, "bench.test", "wfm-bench", Duration.ofDays(30),
                Duration.ofDays(1), List.of(), java.net.URI.create("https://localhost"));
        Path bundle = dir.resolve("bundle.json");
        Files.write(bundle, ca.bundleJson());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair wfmKey = generator.generateKeyPair();
        IssuedSvid wfmSvid = mis.issueWfm(wfmKey.getPublic());
        identity = Identity.create(new IdentitySettings("bench.test", "wfm-bench", bundle, false,
                Duration.ofMinutes(30), Duration.ofMinutes(10), false),
                SvidKeyManager.of(wfmSvid.chain(), wfmKey.getPrivate()), database.clients(), Clock.systemUTC());
        authenticator = identity.authenticator();
        for (int i = 0; i < SVIDS; i++) {
            chains.add(Optional.of(ClientCredentials.issue(mis, clientIds[i]).svid().chain()
                    .toArray(Certificate[]::new)));
        }
        for (int i = 0; i < clients; i++) {
            etags[i] = cache.manifest(clientIds[i]).etag();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    /** Policy check, cached manifest lookup and ETag comparison for a rotating client. */
    @Benchmark
    public void poll304(Blackhole bh) {
        int i = nextIndex();
        String id = clientIds[i];
        bh.consume(identity.policy().decide(id).allowed());
        StoredManifest m = cache.manifest(id);
        bh.consume(m.etag().equals(etags[i]));
    }

    /** Baseline: a database read and a SHA-256 over the manifest body on every poll. */
    @Benchmark
    public void naivePoll304(Blackhole bh) {
        int i = nextIndex();
        String id = clientIds[i];
        bh.consume(identity.policy().decide(id).allowed());
        StoredManifest m = database.desiredState().manifest(id);
        bh.consume(Digest.sha256(m.body()).etag().equals(etags[i]));
    }

    /** The per-request SVID re-check on a connection whose SVID was already validated (cache hit). */
    @Benchmark
    public void authenticateKnownSvid(Blackhole bh) {
        bh.consume(authenticator.authenticate(chains.get(nextIndex() % SVIDS)));
    }

    private int nextIndex() {
        int i = next;
        next = (i + 7919) % clients;
        return i;
    }
}
