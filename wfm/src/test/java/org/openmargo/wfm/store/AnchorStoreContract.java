package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.ca.AnchorState;
import org.openmargo.wfm.ca.AnchorStore;
import org.openmargo.wfm.ca.AnchorStore.Revision;
import org.openmargo.wfm.ca.AnchorStore.Snapshot;
import org.openmargo.wfm.ca.AnchorStore.StoredAnchor;
import org.openmargo.wfm.ca.RotationConflictException;

/**
 * The behaviour of {@link AnchorStore} that every backend must show. The CA tables hold one CA per database, so the
 * whole life of a CA is one test: two racing first starts, then the rotation steps in and out of order.
 */
abstract class AnchorStoreContract extends StoreContract {
    static final Instant NOT_BEFORE = Instant.parse("2026-11-05T10:14:30Z");
    static final Instant NOT_AFTER = Instant.parse("2036-11-05T10:15:30Z");

    AnchorStore store() {
        return db().database.anchors();
    }

    static StoredAnchor anchor(String id, AnchorState state) {
        return new StoredAnchor(id, state, "ES256", new byte[] {1, 2, (byte) id.length()}, new byte[] {9, 8, 7},
                NOT_BEFORE, NOT_AFTER, START);
    }

    @Test
    void lifecycle_racingFirstStartsThenRotation_keepsOneAnchorPerStateAndCountsTheSequence() throws Exception {
        assertThat(store().load()).isEmpty();
        assertThat(store().revision()).isEmpty();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Snapshot>> racers = pool.invokeAll(List.<Callable<Snapshot>>of(
                    () -> store().initialise(anchor("sha256:a1", AnchorState.ACTIVE)),
                    () -> store().initialise(anchor("sha256:a2", AnchorState.ACTIVE))));
            assertThat(racers.get(0).get()).usingRecursiveComparison().isEqualTo(racers.get(1).get());
        } finally {
            pool.shutdown();
        }
        Snapshot first = store().load().orElseThrow();
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.anchors()).hasSize(1);
        StoredAnchor active = first.anchors().getFirst();
        assertThat(active.state()).isEqualTo(AnchorState.ACTIVE);
        assertThat(active.notBefore()).isEqualTo(NOT_BEFORE);
        assertThat(active.notAfter()).isEqualTo(NOT_AFTER);
        assertThat(active.createdAt()).isEqualTo(Instant.parse("2026-11-05T10:15:30.123456Z"));
        assertThat(active.encryptedKey()).containsExactly(9, 8, 7);
        assertThat(store().revision()).contains(new Revision(1, active.id()));

        assertThatThrownBy(() -> store().activate()).isInstanceOf(RotationConflictException.class);
        assertThatThrownBy(() -> store().finish()).isInstanceOf(RotationConflictException.class);

        Snapshot staged = store().stage(anchor("sha256:b", AnchorState.NEXT));
        assertThat(staged.sequence()).isEqualTo(2);
        assertThat(staged.anchors()).extracting(StoredAnchor::id).containsExactly(active.id(), "sha256:b");
        assertThatThrownBy(() -> store().stage(anchor("sha256:c", AnchorState.NEXT)))
                .isInstanceOf(RotationConflictException.class);
        assertThat(store().load().orElseThrow()).usingRecursiveComparison().isEqualTo(staged);
        assertThat(store().revision()).contains(new Revision(2, active.id())).contains(staged.revision());

        Snapshot activated = store().activate();
        assertThat(activated.sequence()).isEqualTo(2);
        assertThat(activated.anchors()).extracting(StoredAnchor::state)
                .containsExactly(AnchorState.PREVIOUS, AnchorState.ACTIVE);
        assertThat(store().revision()).contains(new Revision(2, "sha256:b")).contains(activated.revision());
        assertThatThrownBy(() -> store().stage(anchor("sha256:c", AnchorState.NEXT)))
                .isInstanceOf(RotationConflictException.class);

        Snapshot finished = store().finish();
        assertThat(finished.sequence()).isEqualTo(3);
        assertThat(finished.anchors()).extracting(StoredAnchor::state)
                .containsExactly(AnchorState.RETIRED, AnchorState.ACTIVE);
        assertThat(store().revision()).contains(new Revision(3, "sha256:b")).contains(finished.revision());
        assertThat(store().load().orElseThrow()).usingRecursiveComparison().isEqualTo(finished);
        assertThatThrownBy(() -> store().finish()).isInstanceOf(RotationConflictException.class);
        assertThat(store().initialise(anchor("sha256:z", AnchorState.ACTIVE)).anchors()).hasSize(2);
    }

    @Test
    void misTlsRoot_storedOnce_laterOffersAreIgnored() {
        assertThat(store().misTlsRoot()).isEmpty();
        AnchorStore.StoredKeyPair root = new AnchorStore.StoredKeyPair(new byte[] {1}, new byte[] {2});
        assertThat(store().initialiseMisTlsRoot(root)).isEqualTo(root);
        AnchorStore.StoredKeyPair kept = store().initialiseMisTlsRoot(
                new AnchorStore.StoredKeyPair(new byte[] {3}, new byte[] {4}));
        assertThat(kept.certificate()).containsExactly(1);
        assertThat(store().misTlsRoot().orElseThrow().encryptedKey()).containsExactly(2);
    }
}
