package org.openmargo.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openmargo.agent.state.SimulatedCrash;
import org.openmargo.agent.transport.Svid;
import org.openmargo.wfm.testpki.TestPki;

/** The crash-safe swap of the SVID's key and chain files: a crash after every step leaves a matching pair. */
class IdentityFilesTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");

    @TempDir
    Path dir;
    private Path chain;
    private Path key;
    private TestPki.Svid oldSvid;
    private TestPki.Svid newSvid;
    private byte[] newChainPem;
    private byte[] newKeyPem;

    @BeforeEach
    void installOld() throws Exception {
        chain = dir.resolve("id/svid.pem");
        key = dir.resolve("id/svid-key.pem");
        Files.createDirectories(chain.getParent());
        oldSvid = PKI.client("dev-1");
        newSvid = PKI.client("dev-1");
        TestPki.writeChainPem(chain, oldSvid);
        TestPki.writeKeyPem(key, oldSvid.key());
        TestPki.writeChainPem(dir.resolve("new.pem"), newSvid);
        TestPki.writeKeyPem(dir.resolve("new-key.pem"), newSvid.key());
        newChainPem = Files.readAllBytes(dir.resolve("new.pem"));
        newKeyPem = Files.readAllBytes(dir.resolve("new-key.pem"));
    }

    @Test
    void install_noCrash_loadsTheNewPairWithKeyOwnerOnly() throws Exception {
        IdentityFiles files = IdentityFiles.of(chain, key);

        files.install(newKeyPem, newChainPem);

        assertThat(files.load().leaf()).isEqualTo(newSvid.leaf());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chain))).isEqualTo("rw-r--r--");
        assertThat(Files.list(chain.getParent()).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("svid.pem", "svid-key.pem");
    }

    @ParameterizedTest
    @EnumSource(IdentityFiles.Step.class)
    void install_crashAfterStep_recoveryLeavesAMatchingPair(IdentityFiles.Step crashAfter) throws Exception {
        IdentityFiles crashing = new IdentityFiles(chain, key, step -> {
            if (step == crashAfter) {
                throw new SimulatedCrash();
            }
        });
        assertThatThrownBy(() -> crashing.install(newKeyPem, newChainPem)).isInstanceOf(SimulatedCrash.class);

        Svid loaded = IdentityFiles.of(chain, key).load();

        TestPki.Svid expected = crashAfter == IdentityFiles.Step.KEY_STAGED ? oldSvid : newSvid;
        assertThat(loaded.leaf()).isEqualTo(expected.leaf());
        assertThat(Files.list(chain.getParent()).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("svid.pem", "svid-key.pem");
    }

    @Test
    void load_keyRenamedButChainNot_withoutRecoveryWouldMismatch() throws Exception {
        IdentityFiles crashing = new IdentityFiles(chain, key, step -> {
            if (step == IdentityFiles.Step.KEY_RENAMED) {
                throw new SimulatedCrash();
            }
        });
        assertThatThrownBy(() -> crashing.install(newKeyPem, newChainPem)).isInstanceOf(SimulatedCrash.class);

        assertThatThrownBy(() -> Svid.load(chain, key)).hasMessageContaining("does not belong to the leaf");
        assertThat(IdentityFiles.of(chain, key).recover()).hasValueSatisfying(
                message -> assertThat(message).startsWith("completed the interrupted installation"));
    }

    @Test
    void stamp_isEmptyDuringASwapAndChangesAfterIt() throws Exception {
        IdentityFiles files = IdentityFiles.of(chain, key);
        var before = files.stamp();
        IdentityFiles crashing = new IdentityFiles(chain, key, step -> {
            if (step == IdentityFiles.Step.CHAIN_STAGED) {
                throw new SimulatedCrash();
            }
        });
        assertThatThrownBy(() -> crashing.install(newKeyPem, newChainPem)).isInstanceOf(SimulatedCrash.class);

        assertThat(before).isPresent();
        assertThat(files.stamp()).isEmpty();
        files.recover();
        assertThat(files.stamp()).isPresent().isNotEqualTo(before);
    }

    @Test
    void installPending_movesThePendingKeyInWithTheChainAndDeletesIt() throws Exception {
        IdentityFiles files = IdentityFiles.of(chain, key);
        files.writePendingKey(newKeyPem);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.pendingKey())))
                .isEqualTo("rw-------");

        files.installPending(newChainPem);

        assertThat(files.load().leaf()).isEqualTo(newSvid.leaf());
        assertThat(files.pendingKey()).doesNotExist();
    }
}
