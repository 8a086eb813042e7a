package org.openmargo.wfm.ca;

import java.util.Optional;
import org.openmargo.wfm.ca.AnchorStore.Revision;
import org.openmargo.wfm.ca.AnchorStore.Snapshot;
import org.openmargo.wfm.ca.AnchorStore.StoredAnchor;
import org.openmargo.wfm.ca.AnchorStore.StoredKeyPair;

/**
 * The rows behind {@link AnchorStore}: no rules, only reads and writes. Calls made inside a transaction callback
 * join that transaction.
 */
public interface AnchorRows {

    /** The anchors with the sequence, read in one statement; empty when there is no anchor. */
    Optional<Snapshot> snapshot();

    /** See {@link AnchorStore#revision()}. */
    Optional<Revision> revision();

    /** Locks the bundle row ({@code SELECT ... FOR UPDATE}), which serializes CA changes; false when there is none. */
    boolean lock();

    /** How many anchors are in {@code state}. */
    long count(AnchorState state);

    /** Creates the bundle row at sequence 1; fails with a unique violation (the transaction reruns) if it exists. */
    void insertBundle();

    /** Stores an anchor after the existing ones. */
    void insertAnchor(StoredAnchor anchor);

    /** Increments the bundle sequence. */
    void nextSequence();

    /** Moves every anchor in {@code from} to {@code to}. */
    void moveState(AnchorState from, AnchorState to);

    /** See {@link AnchorStore#misTlsRoot()}. */
    Optional<StoredKeyPair> misTlsRoot();

    /** Stores the MIS TLS root; fails with a unique violation (the transaction reruns) if one exists. */
    void insertMisTlsRoot(StoredKeyPair root);
}
