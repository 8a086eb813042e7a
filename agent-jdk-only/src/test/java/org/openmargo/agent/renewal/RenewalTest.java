package org.openmargo.agent.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.wfm.testpki.TestPki;

/** Renewal over real mTLS: the new SVID is installed and presented on the next request; failures keep the old one. */
class RenewalTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final Backoff BACKOFF = Backoff.defaults();
    private static RenewalServer server;

    @TempDir
    Path dir;
    private IdentityFiles files;
    private TestPki.Svid original;
    private WfmClient client;
    private final TestClock clock = new TestClock(Instant.now());

    @BeforeAll
    static void start() throws Exception {
        server = new RenewalServer(PKI);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void installOriginal() throws Exception {
        server.mode = RenewalServer.Mode.ISSUE;
        files = IdentityFiles.of(dir.resolve("svid.pem"), dir.resolve("svid-key.pem"));
        original = PKI.client("dev-1");
        TestPki.writeChainPem(files.chain(), original);
        TestPki.writeKeyPem(files.key(), original.key());
        client = WfmClient.create(WfmClient.Settings.of(URI.create("https://127.0.0.1:" + server.port())),
                files.load(), () -> List.of(PKI.root().certificate()));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void attempt_wfmIssues_installsTheNewPairAndTheNextRequestPresentsIt() throws Exception {
        RenewalOutcome outcome = renewal().attempt();

        assertThat(outcome).isInstanceOf(RenewalOutcome.Renewed.class);
        Svid renewed = ((RenewalOutcome.Renewed) outcome).svid();
        assertThat(renewed.spiffeId()).isEqualTo(PKI.clientUri("dev-1"));
        assertThat(files.load().leaf()).isEqualTo(renewed.leaf());
        assertThat(client.send(WfmRequest.get("/api/v1/deployments", Map.of())).status()).isEqualTo(200);
        List<X509Certificate> presented = server.presented();
        assertThat(presented.get(presented.size() - 2)).as("the renewal call").isEqualTo(original.leaf());
        assertThat(presented.getLast()).as("the call after renewal").isEqualTo(renewed.leaf());
    }

    @Test
    void attempt_404_isNotOfferedAndKeepsTheFiles() throws Exception {
        server.mode = RenewalServer.Mode.NOT_FOUND;
        byte[] before = Files.readAllBytes(files.chain());

        assertThat(renewal().attempt()).isEqualTo(new RenewalOutcome.NotOffered());
        assertThat(Files.readAllBytes(files.chain())).isEqualTo(before);
    }

    @Test
    void attempt_403_isRefusedWithTheDetail() {
        server.mode = RenewalServer.Mode.FORBIDDEN;

        assertThat(renewal().attempt()).isEqualTo(new RenewalOutcome.Refused("403 client retired"));
    }

    @Test
    void attempt_answerNamesAnotherClient_isRefusedAndKeepsTheOldSvid() throws Exception {
        server.mode = RenewalServer.Mode.OTHER_CLIENT;

        assertThat(renewal().attempt()).isEqualTo(new RenewalOutcome.Failed("refused the renewed SVID: the SVID names "
                + PKI.clientUri("someone-else") + " instead of " + PKI.clientUri("dev-1")));
        assertThat(files.load().leaf()).isEqualTo(original.leaf());
        assertThat(client.svid().leaf()).isEqualTo(original.leaf());
    }

    @Test
    void keeper_beforeTwoThirds_sendsNothingThenRenewsAtTheTwoThirdsPoint() {
        SvidKeeper keeper = new SvidKeeper(client, files, renewal(), clock, () -> BACKOFF);
        Instant due = RenewalSchedule.renewAt(client.svid());
        int before = server.presented().size();

        clock.set(due.minusSeconds(1));
        keeper.check();
        assertThat(server.presented()).hasSize(before);

        clock.set(due);
        keeper.check();
        assertThat(server.presented()).hasSize(before + 1);
        assertThat(client.svid().leaf()).isNotEqualTo(original.leaf());
        assertThat(keeper.nextAttempt()).isEqualTo(RenewalSchedule.renewAt(client.svid()));
    }

    @Test
    void keeper_404_retriesADayLater() {
        server.mode = RenewalServer.Mode.NOT_FOUND;
        SvidKeeper keeper = new SvidKeeper(client, files, renewal(), clock, () -> BACKOFF);
        clock.set(RenewalSchedule.renewAt(client.svid()));

        keeper.check();

        assertThat(keeper.nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
    }

    @Test
    void keeper_operatorReplacedTheFiles_rebuildsAndPresentsTheNewSvid() throws Exception {
        SvidKeeper keeper = new SvidKeeper(client, files, renewal(), clock, () -> BACKOFF);
        TestPki.Svid imported = PKI.client("dev-1");
        TestPki.writeChainPem(dir.resolve("imported.pem"), imported);
        TestPki.writeKeyPem(dir.resolve("imported-key.pem"), imported.key());
        files.install(Files.readAllBytes(dir.resolve("imported-key.pem")),
                Files.readAllBytes(dir.resolve("imported.pem")));

        keeper.check();

        assertThat(client.svid().leaf()).isEqualTo(imported.leaf());
        assertThat(client.send(WfmRequest.get("/api/v1/deployments", Map.of())).status()).isEqualTo(200);
        assertThat(server.presented().getLast()).isEqualTo(imported.leaf());
    }

    private Renewal renewal() {
        return new Renewal(client, files, clock, new SecureRandom());
    }

    /** A clock the test sets by hand. */
}
