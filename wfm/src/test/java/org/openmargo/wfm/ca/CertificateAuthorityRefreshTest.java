package org.openmargo.wfm.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.ca.AnchorStore.Revision;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/**
 * How a CA follows rotation steps that another WFM instance ran on the shared database ({@link
 * CertificateAuthority#refresh()}): two CAs over one real (in-memory H2) database stand for two instances.
 */
class CertificateAuthorityRefreshTest {
    static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    static final String SPIFFE = "spiffe://plant.example/margo/wfm/wfm-a/client/dev-1";

    final String url = "jdbc:h2:mem:ca-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    final Database db = Database.open(new DatabaseSettings(url, "sa", "", 2));
    final Counting store = new Counting(db.anchors());
    final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    final List<Database> others = new ArrayList<>();

    @AfterEach
    void close() {
        db.close();
        others.forEach(Database::close);
    }

    /** The real store, counting the reads that matter for the refresh decision. */
    record Counting(AnchorStore store, AtomicInteger loads, AtomicInteger revisions) implements AnchorStore {
        Counting(AnchorStore store) {
            this(store, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public Optional<Snapshot> load() {
            loads.incrementAndGet();
            return store.load();
        }

        @Override
        public Optional<Revision> revision() {
            revisions.incrementAndGet();
            return store.revision();
        }

        @Override
        public Snapshot initialise(StoredAnchor active) {
            return store.initialise(active);
        }

        @Override
        public Snapshot stage(StoredAnchor next) {
            return store.stage(next);
        }

        @Override
        public Snapshot activate() {
            return store.activate();
        }

        @Override
        public Snapshot finish() {
            return store.finish();
        }

        @Override
        public Optional<StoredKeyPair> misTlsRoot() {
            return store.misTlsRoot();
        }

        @Override
        public StoredKeyPair initialiseMisTlsRoot(StoredKeyPair root) {
            return store.initialiseMisTlsRoot(root);
        }
    }

    CertificateAuthority open(AnchorStore anchors, char[] passphrase) {
        return CertificateAuthority.open(new CaSettings("plant.example", AnchorAlgorithm.ES256, Duration.ofDays(365),
                Duration.ofHours(1), passphrase, Optional.empty()), anchors, clock);
    }

    static void verifies(CertificateAuthority ca, X509Certificate anchor) throws Exception {
        ca.issue(SPIFFE, CertificateAuthorityTest.ecKey().getPublic(), Duration.ofDays(1)).chain().getFirst()
                .verify(anchor.getPublicKey());
    }

    @Test
    void refresh_unchangedRevision_readsOnlyTheRevisionAndNotifiesNoOne() {
        CertificateAuthority ca = open(store, PASSPHRASE);
        List<CaChange> changes = new ArrayList<>();
        ca.onChange(changes::add);
        String first = Fingerprint.of(ca.anchors().getFirst());
        byte[] bundle = ca.bundleJson();
        store.loads().set(0);

        assertThat(ca.refresh()).isEqualTo(new Refresh.Unchanged(new Revision(1, first)));
        assertThat(ca.refresh()).isEqualTo(new Refresh.Unchanged(new Revision(1, first)));
        assertThat(store.revisions()).hasValue(2);
        assertThat(store.loads()).hasValue(0);
        assertThat(changes).isEmpty();
        assertThat(ca.bundleJson()).isEqualTo(bundle);
    }

    @Test
    void refresh_afterOwnRotationStep_isUnchangedAndTheStepNotifiedOnce() {
        CertificateAuthority ca = open(store, PASSPHRASE);
        List<CaChange> changes = new ArrayList<>();
        ca.onChange(changes::add);
        String first = Fingerprint.of(ca.anchors().getFirst());
        store.loads().set(0);

        ca.rotate(RotationStep.STAGE);
        assertThat(ca.refresh()).isEqualTo(new Refresh.Unchanged(new Revision(2, first)));
        assertThat(store.loads()).hasValue(0);
        assertThat(changes).containsExactly(new CaChange(new Revision(1, first), new Revision(2, first),
                Optional.of(RotationStep.STAGE)));
    }

    @Test
    void refresh_afterEachStepOnAnotherInstance_followsItAndNotifiesTheListeners() throws Exception {
        CertificateAuthority a = open(db.anchors(), PASSPHRASE);
        CertificateAuthority b = open(store, PASSPHRASE);
        List<CaChange> changes = new ArrayList<>();
        b.onChange(changes::add);
        X509Certificate first = a.anchors().getFirst();
        String firstId = Fingerprint.of(first);

        a.rotate(RotationStep.STAGE);
        X509Certificate second = a.anchors().get(1);
        String secondId = Fingerprint.of(second);
        CaChange staged = new CaChange(new Revision(1, firstId), new Revision(2, firstId), Optional.empty());
        assertThat(b.refresh()).isEqualTo(new Refresh.Followed(staged));
        assertThat(staged.bundleChanged()).isTrue();
        assertThat(staged.issuerChanged()).isFalse();
        assertThat(b.bundleJson()).isEqualTo(a.bundleJson());
        assertThat(b.view()).isEqualTo(a.view());
        verifies(b, first);

        a.rotate(RotationStep.ACTIVATE);
        CaChange activated = new CaChange(new Revision(2, firstId), new Revision(2, secondId), Optional.empty());
        assertThat(b.refresh()).isEqualTo(new Refresh.Followed(activated));
        assertThat(activated.issuerChanged()).isTrue();
        assertThat(activated.bundleChanged()).isFalse();
        verifies(b, second);

        a.rotate(RotationStep.FINISH);
        assertThat(b.refresh()).isEqualTo(new Refresh.Followed(new CaChange(new Revision(2, secondId),
                new Revision(3, secondId), Optional.empty())));
        assertThat(b.anchors()).containsExactly(second);
        assertThat(b.bundleJson()).isEqualTo(a.bundleJson());
        assertThat(b.refresh()).isEqualTo(new Refresh.Unchanged(new Revision(3, secondId)));
        assertThat(changes).hasSize(3);
        assertThat(store.loads()).as("one load at open, one per followed step").hasValue(4);
    }

    @Test
    void refresh_twoStepsBetweenRefreshes_arriveAsOneChangeOfBundleAndIssuer() throws Exception {
        CertificateAuthority a = open(db.anchors(), PASSPHRASE);
        CertificateAuthority b = open(store, PASSPHRASE);
        String firstId = Fingerprint.of(a.anchors().getFirst());
        a.rotate(RotationStep.STAGE);
        a.rotate(RotationStep.ACTIVATE);
        String secondId = Fingerprint.of(a.anchors().get(1));

        Refresh refresh = b.refresh();
        CaChange change = new CaChange(new Revision(1, firstId), new Revision(2, secondId), Optional.empty());
        assertThat(refresh).isEqualTo(new Refresh.Followed(change));
        assertThat(change.bundleChanged()).isTrue();
        assertThat(change.issuerChanged()).isTrue();
        verifies(b, a.anchors().get(1));
    }

    @Test
    void refresh_newKeyDoesNotDecrypt_keepsTheLastGoodStateLogsOnceAndRetriesOnlyANewRevision() throws Exception {
        CertificateAuthority b = open(store, PASSPHRASE);
        X509Certificate first = b.anchors().getFirst();
        String firstId = Fingerprint.of(first);
        byte[] bundle = b.bundleJson();
        List<CaChange> changes = new ArrayList<>();
        b.onChange(changes::add);
        AnchorStore.StoredAnchor foreign = stagedUnder("a different passphrase".toCharArray());
        db.anchors().stage(foreign);
        store.loads().set(0);
        List<LogRecord> severe = new ArrayList<>();
        Logger log = Logger.getLogger(CertificateAuthority.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.SEVERE) {
                    severe.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            Refresh refused = b.refresh();
            assertThat(refused).isInstanceOf(Refresh.Refused.class);
            Refresh.Refused r = (Refresh.Refused) refused;
            assertThat(r.held()).isEqualTo(new Revision(1, firstId));
            assertThat(r.stored()).isEqualTo(new Revision(2, firstId));
            assertThat(r.reason()).startsWith("cannot decrypt the CA key of anchor " + foreign.id() + " (next) with "
                    + "the configured passphrase");
            assertThat(b.refresh()).isEqualTo(refused);
            assertThat(store.loads()).as("the refused revision is not loaded again").hasValue(1);
            assertThat(severe).hasSize(1);
            assertThat(severe.getFirst().getMessage()).startsWith("cannot follow the CA in the database (bundle "
                    + "sequence 2, issuing anchor " + firstId + "): cannot decrypt the CA key of anchor "
                    + foreign.id()).contains("This WFM keeps bundle sequence 1 and issuing anchor " + firstId);

            db.anchors().activate();
            assertThat(b.refresh()).isEqualTo(new Refresh.Refused(new Revision(1, firstId),
                    new Revision(2, foreign.id()), r.reason().replace("(next)", "(active)")));
            assertThat(store.loads()).hasValue(2);
            assertThat(severe).hasSize(2);
        } finally {
            log.removeHandler(handler);
        }
        assertThat(b.bundleJson()).isEqualTo(bundle);
        assertThat(b.view().bundleSequence()).isEqualTo(1);
        assertThat(changes).isEmpty();
        verifies(b, first);
    }

    @Test
    void refresh_lowerSequenceInTheDatabase_isRefusedAndTheHigherOneKept() throws Exception {
        CertificateAuthority a = open(db.anchors(), PASSPHRASE);
        CertificateAuthority b = open(store, PASSPHRASE);
        a.rotate(RotationStep.STAGE);
        assertThat(b.refresh()).isInstanceOf(Refresh.Followed.class);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ca_bundle SET sequence = 1");
        }

        Refresh refresh = b.refresh();
        assertThat(refresh).isInstanceOf(Refresh.Refused.class);
        assertThat(((Refresh.Refused) refresh).reason()).isEqualTo("its bundle sequence 1 is lower than 2 (a "
                + "database restored from a backup?); restart the WFM to adopt it");
        assertThat(b.view().bundleSequence()).isEqualTo(2);
        assertThat(b.anchors()).hasSize(2);
    }

    /** An anchor staged by a CA whose passphrase differs from this test's, in a database of its own. */
    AnchorStore.StoredAnchor stagedUnder(char[] passphrase) {
        Database other = Database.open(new DatabaseSettings("jdbc:h2:mem:other-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2));
        others.add(other);
        open(other.anchors(), passphrase).rotate(RotationStep.STAGE);
        return other.anchors().load().orElseThrow().in(AnchorState.NEXT).orElseThrow();
    }
}
