package org.openmargo.agent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

class TrustStoreTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final TestPki.Authority ROOT_A = PKI.root();
    private static final TestPki.Authority ROOT_B = PKI.newRoot("root B");

    @TempDir
    Path dir;

    /** A source serving whatever the test put in {@link #next}: bytes, "not modified" (empty) or a failure. */
    private static final class FakeSource implements BundleSource {
        Object next;

        @Override
        public Optional<byte[]> fetch() throws IOException {
            if (next instanceof IOException e) {
                throw e;
            }
            return Optional.ofNullable((String) next).map(s -> s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String describe() {
            return "fake MIS";
        }
    }

    private final FakeSource mis = new FakeSource();

    @Test
    void parse_spiffeBundle_keepsOnlyX509SvidAnchorsWithSequenceAndHint() {
        TrustBundle bundle = TrustBundle.parse(bytes(TestPki.bundleJson(7, ROOT_A, ROOT_B)));

        assertThat(bundle.anchors()).containsExactly(ROOT_A.certificate(), ROOT_B.certificate());
        assertThat(bundle.sequence()).hasValue(7);
        assertThat(bundle.refreshHint()).hasValue(Duration.ofSeconds(300));
    }

    @Test
    void parse_pemFile_readsEveryCertificateWithoutSequence() throws IOException {
        TestPki.writePemBundle(dir.resolve("b.pem"), ROOT_A, ROOT_B);

        TrustBundle bundle = TrustBundle.parse(Files.readAllBytes(dir.resolve("b.pem")));

        assertThat(bundle.anchors()).containsExactly(ROOT_A.certificate(), ROOT_B.certificate());
        assertThat(bundle.sequence()).isEmpty();
    }

    @Test
    void parse_onlyJwtSvidKeys_isRefusedFailClosed() {
        assertThatThrownBy(() -> TrustBundle.parse(bytes(TestPki.bundleJson(3))))
                .hasMessage("the bundle has no x509-svid anchors (fail closed)");
    }

    @Test
    void parse_leafCertificateAsAnchor_isRefused() throws IOException {
        TestPki.writeChainPem(dir.resolve("leaf.pem"), PKI.wfmServer());

        assertThatThrownBy(() -> TrustBundle.parse(Files.readAllBytes(dir.resolve("leaf.pem"))))
                .hasMessageContaining("is not a CA certificate and cannot be an anchor");
    }

    @Test
    void refresh_higherSequenceWithOtherAnchor_replacesNeverMerges() {
        TrustStore store = remoteStore(TestPki.bundleJson(1, ROOT_A));
        mis.next = TestPki.bundleJson(2, ROOT_B);

        assertThat(store.refresh()).isInstanceOf(RefreshOutcome.Updated.class);
        assertThat(store.anchors()).containsExactly(ROOT_B.certificate());
        assertThat(store.highestSequence()).hasValue(2);
    }

    @Test
    void refresh_fallingSequence_isRejectedAndKeepsTheAnchors() {
        TrustStore store = remoteStore(TestPki.bundleJson(5, ROOT_A));
        mis.next = TestPki.bundleJson(4, ROOT_B);

        assertThat(store.refresh()).isEqualTo(
                new RefreshOutcome.Rejected("spiffe_sequence 4 is below the highest seen 5"));
        assertThat(store.anchors()).containsExactly(ROOT_A.certificate());
    }

    @Test
    void refresh_bundleWithoutX509Anchors_isRejectedAndKeepsTheAnchors() {
        TrustStore store = remoteStore(TestPki.bundleJson(1, ROOT_A));
        mis.next = TestPki.bundleJson(2);

        assertThat(store.refresh()).isEqualTo(new RefreshOutcome.Rejected(
                "fake MIS: the bundle has no x509-svid anchors (fail closed)"));
        assertThat(store.anchors()).containsExactly(ROOT_A.certificate());
    }

    @Test
    void refresh_sourceDownOrNotModifiedOrSameBundle_keepsTheAnchorsWithoutThrowing() {
        TrustStore store = remoteStore(TestPki.bundleJson(1, ROOT_A));

        mis.next = new IOException("connection refused");
        assertThat(store.refresh()).isEqualTo(new RefreshOutcome.Unavailable("fake MIS: connection refused"));
        mis.next = null;
        assertThat(store.refresh()).isEqualTo(new RefreshOutcome.Unchanged());
        mis.next = TestPki.bundleJson(1, ROOT_A);
        assertThat(store.refresh()).isEqualTo(new RefreshOutcome.Unchanged());
        assertThat(store.anchors()).containsExactly(ROOT_A.certificate());
    }

    @Test
    void open_misOfflineAndNoFile_startsFromThePersistedLastGoodBundleAndItsSequence() {
        remoteStore(TestPki.bundleJson(1, ROOT_A));
        mis.next = TestPki.bundleJson(9, ROOT_B);
        remoteStore(null).refresh();

        TrustStore restarted = TrustStore.open(settings(Optional.empty(), true), Optional.of(mis));
        mis.next = TestPki.bundleJson(8, ROOT_A);

        assertThat(restarted.anchors()).containsExactly(ROOT_B.certificate());
        assertThat(restarted.highestSequence()).hasValue(9);
        assertThat(restarted.refresh()).isInstanceOf(RefreshOutcome.Rejected.class);
        try (var files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("trust-bundle.json");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void open_withMisAndPersistedBundle_ignoresTheStaleBootstrapFile() throws IOException {
        remoteStore(TestPki.bundleJson(1, ROOT_A));
        mis.next = TestPki.bundleJson(2, ROOT_B);
        remoteStore(null).refresh();

        TrustStore restarted = remoteStore(TestPki.bundleJson(1, ROOT_A));

        assertThat(restarted.anchors()).containsExactly(ROOT_B.certificate());
    }

    @Test
    void open_corruptedPersistedFile_isIgnoredWithAWarningNamingIt() throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/trust-bundle.json"), "{\"keys\":[");
        List<LogRecord> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(TrustStore.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            TrustStore store = remoteStore(TestPki.bundleJson(1, ROOT_A));

            assertThat(store.anchors()).containsExactly(ROOT_A.certificate());
            assertThat(logged).anySatisfy(r -> assertThat(java.text.MessageFormat.format(r.getMessage(),
                    r.getParameters())).startsWith("ignoring the corrupted last good trust bundle "
                    + dir.resolve("state/trust-bundle.json") + ": "));
            assertThat(TrustBundle.parse(Files.readAllBytes(dir.resolve("state/trust-bundle.json"))).sequence())
                    .hasValue(1);
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void refresh_fileOnlyConfiguration_readsTheOperatorFileAgain() throws IOException {
        Path file = dir.resolve("bundle.pem");
        TestPki.writePemBundle(file, ROOT_A);
        TrustStore store = TrustStore.open(settings(Optional.of(file), false));
        TestPki.writePemBundle(file, ROOT_B);

        assertThat(store.refresh()).isInstanceOf(RefreshOutcome.Updated.class);
        assertThat(store.anchors()).containsExactly(ROOT_B.certificate());
    }

    @Test
    void nextRefreshIn_hintOrConfiguredInterval() {
        assertThat(remoteStore(null).nextRefreshIn()).isEqualTo(Duration.ofHours(1));
        assertThat(remoteStore(TestPki.bundleJson(1, ROOT_A)).nextRefreshIn()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void open_nothingAnywhere_hasNoAnchors() {
        TrustStore store = remoteStore(null);

        assertThat(store.anchors()).isEmpty();
        assertThat(store.highestSequence()).isEqualTo(OptionalLong.empty());
    }

    /** A store with an MIS source ({@link #mis}) and, when {@code bootstrap} is given, a bootstrap bundle file. */
    private TrustStore remoteStore(String bootstrap) {
        Optional<Path> file = Optional.empty();
        if (bootstrap != null) {
            try {
                file = Optional.of(Files.writeString(dir.resolve("bootstrap.json"), bootstrap));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return TrustStore.open(settings(file, true), Optional.of(mis));
    }

    private TrustStore.Settings settings(Optional<Path> file, boolean remote) {
        return new TrustStore.Settings(file, Optional.empty(),
                remote ? Optional.of(java.net.URI.create("https://mis.example/bundle")) : Optional.empty(),
                List.of(), dir.resolve("state"), Duration.ofHours(1), Optional.of("plant.example"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
