package org.openmargo.wfm.ca;

import java.util.Optional;
import org.openmargo.wfm.transaction.Transactions;

/**
 * {@link AnchorStore}'s rotation rules over {@link AnchorRows}: every change is one transaction that first locks the
 * bundle row and checks the anchors' states inside it, so two WFM instances sharing a database cannot both stage or
 * activate.
 */
public final class AnchorService implements AnchorStore {
    private final Transactions transactions;
    private final AnchorRows rows;

    public AnchorService(Transactions transactions, AnchorRows rows) {
        this.transactions = transactions;
        this.rows = rows;
    }

    @Override
    public Optional<Snapshot> load() {
        return rows.snapshot();
    }

    @Override
    public Optional<Revision> revision() {
        return rows.revision();
    }

    @Override
    public void afterCommit(Runnable action) {
        transactions.afterCommit(action);
    }

    @Override
    public Snapshot initialise(StoredAnchor active) {
        return transactions.inTransaction("creating the first CA anchor", () -> {
            Optional<Snapshot> existing = locked();
            if (existing.isPresent()) {
                return existing.get();
            }
            // A concurrent first start inserts the same primary key: the transaction retries and finds it.
            rows.insertBundle();
            rows.insertAnchor(active);
            return rows.snapshot().orElseThrow();
        });
    }

    @Override
    public Snapshot stage(StoredAnchor next) {
        return transactions.inTransaction("staging a CA anchor", () -> {
            requireLocked();
            refuseIf(AnchorState.NEXT, "an anchor is already staged: activate it first");
            refuseIf(AnchorState.PREVIOUS, "the previous rotation is not finished: run 'finish' first");
            requireSome(AnchorState.ACTIVE, "there is no active anchor");
            rows.insertAnchor(next);
            rows.nextSequence();
            return rows.snapshot().orElseThrow();
        });
    }

    @Override
    public Snapshot activate() {
        return transactions.inTransaction("activating the staged CA anchor", () -> {
            requireLocked();
            requireSome(AnchorState.NEXT, "no anchor is staged: run 'stage' first");
            refuseIf(AnchorState.PREVIOUS, "the previous rotation is not finished: run 'finish' first");
            rows.moveState(AnchorState.ACTIVE, AnchorState.PREVIOUS);
            rows.moveState(AnchorState.NEXT, AnchorState.ACTIVE);
            return rows.snapshot().orElseThrow();
        });
    }

    @Override
    public Snapshot finish() {
        return transactions.inTransaction("finishing the CA rotation", () -> {
            requireLocked();
            requireSome(AnchorState.PREVIOUS, "there is no previous anchor to remove: run 'stage' and "
                    + "'activate' first");
            rows.moveState(AnchorState.PREVIOUS, AnchorState.RETIRED);
            rows.nextSequence();
            return rows.snapshot().orElseThrow();
        });
    }

    @Override
    public Optional<StoredKeyPair> misTlsRoot() {
        return rows.misTlsRoot();
    }

    @Override
    public StoredKeyPair initialiseMisTlsRoot(StoredKeyPair root) {
        return transactions.inTransaction("creating the MIS TLS root", () -> {
            Optional<StoredKeyPair> existing = rows.misTlsRoot();
            if (existing.isPresent()) {
                return existing.get();
            }
            rows.insertMisTlsRoot(root);
            return root;
        });
    }

    /** The snapshot under the bundle row lock; empty when the CA was never created. */
    private Optional<Snapshot> locked() {
        return rows.lock() ? rows.snapshot() : Optional.empty();
    }

    private void requireLocked() {
        if (locked().isEmpty()) {
            throw new RotationConflictException("the CA has not been created yet");
        }
    }

    private void refuseIf(AnchorState state, String message) {
        if (rows.count(state) > 0) {
            throw new RotationConflictException(message);
        }
    }

    private void requireSome(AnchorState state, String message) {
        if (rows.count(state) == 0) {
            throw new RotationConflictException(message);
        }
    }
}
