package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

class TrustBundleSourceTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");
    private static final TestPki.Authority SECOND = PKI.newRoot("second");

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeInitialBundle() throws IOException {
        file = dir.resolve("bundle.json");
        TestPki.writeBundleJson(file, 5, PKI.root());
    }

    @Test
    void create_invalidFile_fails() throws IOException {
        Files.writeString(file, "{\"keys\":[]}");

        assertThatThrownBy(() -> new TrustBundleSource(file)).isInstanceOf(InvalidTrustBundleException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void create_missingFile_failsNamingIt() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> new TrustBundleSource(missing)).hasMessageContaining("missing.json: cannot read");
    }

    @Test
    void reload_unchangedFile_keepsGeneration() {
        TrustBundleSource source = new TrustBundleSource(file);

        assertThat(source.reload()).isFalse();
        assertThat(source.current().generation()).isEqualTo(1);
    }

    @Test
    void reload_higherSequence_replacesNotMerges() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        TestPki.writeBundleJson(file, 6, SECOND);

        assertThat(source.reload()).isTrue();
        assertThat(source.current().bundle().anchors()).containsExactly(SECOND.certificate());
        assertThat(source.current().generation()).isEqualTo(2);
    }

    @Test
    void reload_sameSequenceNewContent_isAccepted() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        TestPki.writeBundleJson(file, 5, PKI.root(), SECOND);

        assertThat(source.reload()).isTrue();
        assertThat(source.current().bundle().anchors()).hasSize(2);
    }

    @Test
    void reload_lowerSequence_isRejectedAndLastGoodKept() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        TestPki.writeBundleJson(file, 4, SECOND);

        assertThat(source.reload()).isFalse();
        assertThat(source.current().bundle().anchors()).containsExactly(PKI.root().certificate());
        assertThat(source.current().generation()).isEqualTo(1);
    }

    @Test
    void reload_pemAfterSequencedBundle_isRejectedAsRollback() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        TestPki.writePemBundle(file, SECOND);

        assertThat(source.reload()).isFalse();
        assertThat(source.current().bundle().anchors()).containsExactly(PKI.root().certificate());
    }

    @Test
    void reload_fileBecomesInvalid_keepsLastGood() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        Files.writeString(file, "{\"keys\":[]}");

        assertThat(source.reload()).isFalse();
        assertThat(source.current().bundle().anchors()).containsExactly(PKI.root().certificate());
    }

    @Test
    void reload_fileDeleted_keepsLastGood() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        Files.delete(file);

        assertThat(source.reload()).isFalse();
        assertThat(source.current().generation()).isEqualTo(1);
    }

    @Test
    void reload_invalidThenValid_acceptsTheValidOne() throws IOException {
        TrustBundleSource source = new TrustBundleSource(file);
        Files.writeString(file, "garbage");
        source.reload();
        TestPki.writeBundleJson(file, 9, SECOND);

        assertThat(source.reload()).isTrue();
        assertThat(source.current().generation()).isEqualTo(2);
    }

    @Test
    void start_fileChanges_reloadsOnSchedule() throws Exception {
        TrustBundleSource source = new TrustBundleSource(file);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            source.start(executor, Duration.ofMillis(20));
            TestPki.writeBundleJson(file, 6, SECOND);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (source.current().generation() == 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(source.current().bundle().anchors()).containsExactly(SECOND.certificate());
        } finally {
            executor.shutdownNow();
        }
    }
}
