package org.openmargo.wfm.store;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.openmargo.wfm.ca.AnchorState;
import org.openmargo.wfm.ca.AnchorStore;
import org.openmargo.wfm.ca.RotationConflictException;

/** {@link AnchorStore} on Helidon DbClient; every change holds the {@code ca_bundle} row lock. */
final class JdbcAnchorStore implements AnchorStore {
    private final Transactor tx;
    private final Clock clock;

    JdbcAnchorStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<Snapshot> load() {
        return tx.read("loading the CA anchors", JdbcAnchorStore::snapshot);
    }

    @Override
    public Optional<Revision> revision() {
        return tx.read("reading the CA revision", s -> s.first(AnchorSql.REVISION, r -> {
            String active = Sql.string(r, 2);
            return new Revision(Sql.longValue(r, 1), active == null ? "" : active);
        }, AnchorState.ACTIVE.name()));
    }

    @Override
    public Snapshot initialise(StoredAnchor active) {
        return tx.write("creating the first CA anchor", s -> {
            Optional<Snapshot> existing = locked(s);
            if (existing.isPresent()) {
                return existing.get();
            }
            // A concurrent first start inserts the same primary key: the transaction retries and finds it.
            s.dml(AnchorSql.INSERT_BUNDLE, now());
            insert(s, active);
            return snapshot(s).orElseThrow();
        });
    }

    @Override
    public Snapshot stage(StoredAnchor next) {
        return tx.write("staging a CA anchor", s -> {
            requireLocked(s);
            refuseIf(s, AnchorState.NEXT, "an anchor is already staged: activate it first");
            refuseIf(s, AnchorState.PREVIOUS, "the previous rotation is not finished: run 'finish' first");
            requireSome(s, AnchorState.ACTIVE, "there is no active anchor");
            insert(s, next);
            s.dml(AnchorSql.NEXT_SEQUENCE, now());
            return snapshot(s).orElseThrow();
        });
    }

    @Override
    public Snapshot activate() {
        return tx.write("activating the staged CA anchor", s -> {
            requireLocked(s);
            requireSome(s, AnchorState.NEXT, "no anchor is staged: run 'stage' first");
            refuseIf(s, AnchorState.PREVIOUS, "the previous rotation is not finished: run 'finish' first");
            s.dml(AnchorSql.MOVE_STATE, AnchorState.PREVIOUS.name(), now(), AnchorState.ACTIVE.name());
            s.dml(AnchorSql.MOVE_STATE, AnchorState.ACTIVE.name(), now(), AnchorState.NEXT.name());
            return snapshot(s).orElseThrow();
        });
    }

    @Override
    public Snapshot finish() {
        return tx.write("finishing the CA rotation", s -> {
            requireLocked(s);
            requireSome(s, AnchorState.PREVIOUS, "there is no previous anchor to remove: run 'stage' and "
                    + "'activate' first");
            s.dml(AnchorSql.MOVE_STATE, AnchorState.RETIRED.name(), now(), AnchorState.PREVIOUS.name());
            s.dml(AnchorSql.NEXT_SEQUENCE, now());
            return snapshot(s).orElseThrow();
        });
    }

    @Override
    public Optional<StoredKeyPair> misTlsRoot() {
        return tx.read("loading the MIS TLS root", JdbcAnchorStore::tlsRoot);
    }

    @Override
    public StoredKeyPair initialiseMisTlsRoot(StoredKeyPair root) {
        return tx.write("creating the MIS TLS root", s -> {
            Optional<StoredKeyPair> existing = tlsRoot(s);
            if (existing.isPresent()) {
                return existing.get();
            }
            s.dml(AnchorSql.INSERT_TLS_ROOT, root.certificate(), root.encryptedKey(), now());
            return root;
        });
    }

    private LocalDateTime now() {
        return UtcTime.toColumn(clock.instant());
    }

    private static Optional<Snapshot> locked(Sql s) {
        if (s.first(AnchorSql.LOCK, r -> true).isEmpty()) {
            return Optional.empty();
        }
        return snapshot(s);
    }

    private static void requireLocked(Sql s) {
        if (locked(s).isEmpty()) {
            throw new RotationConflictException("the CA has not been created yet");
        }
    }

    private static void refuseIf(Sql s, AnchorState state, String message) {
        if (count(s, state) > 0) {
            throw new RotationConflictException(message);
        }
    }

    private static void requireSome(Sql s, AnchorState state, String message) {
        if (count(s, state) == 0) {
            throw new RotationConflictException(message);
        }
    }

    private static long count(Sql s, AnchorState state) {
        return s.first(AnchorSql.COUNT_IN_STATE, r -> Sql.longValue(r, 1), state.name()).orElse(0L);
    }

    private void insert(Sql s, StoredAnchor a) {
        s.dml(AnchorSql.INSERT_ANCHOR, a.id(), a.state().name(), a.algorithm(), a.chain(), a.encryptedKey(),
                UtcTime.toColumn(a.notBefore()), UtcTime.toColumn(a.notAfter()), UtcTime.toColumn(a.createdAt()),
                now());
    }

    /** Empty when there is no bundle row, or no anchor yet (both are written in one transaction). */
    private static Optional<Snapshot> snapshot(Sql s) {
        record Row(StoredAnchor anchor, long sequence) {
        }
        List<Row> rows = s.list(AnchorSql.ANCHORS, r -> new Row(new StoredAnchor(Sql.string(r, 1),
                AnchorState.valueOf(Sql.string(r, 2)), Sql.string(r, 3), Sql.bytes(r, 4), Sql.bytes(r, 5),
                Sql.instant(r, 6), Sql.instant(r, 7), Sql.instant(r, 8)), Sql.longValue(r, 9)));
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Snapshot(
                rows.stream().map(Row::anchor).toList(), rows.getLast().sequence()));
    }

    private static Optional<StoredKeyPair> tlsRoot(Sql s) {
        return s.first(AnchorSql.TLS_ROOT, r -> new StoredKeyPair(Sql.bytes(r, 1), Sql.bytes(r, 2)));
    }

    @Override
    public void afterCommit(Runnable action) {
        tx.afterCommit(action);
    }
}
