package org.openmargo.wfm.store;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.openmargo.wfm.ca.AnchorRows;
import org.openmargo.wfm.ca.AnchorState;
import org.openmargo.wfm.ca.AnchorStore.Revision;
import org.openmargo.wfm.ca.AnchorStore.Snapshot;
import org.openmargo.wfm.ca.AnchorStore.StoredAnchor;
import org.openmargo.wfm.ca.AnchorStore.StoredKeyPair;

/** {@link AnchorRows} on Helidon DbClient. */
final class JdbcAnchorStore implements AnchorRows {
    private final Transactor tx;
    private final Clock clock;

    JdbcAnchorStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** Every anchor with the sequence, read in one statement (never half a rotation). */
    @Override
    public Optional<Snapshot> snapshot() {
        record Row(StoredAnchor anchor, long sequence) {
        }
        return tx.read("loading the CA anchors", s -> {
            List<Row> rows = s.list(AnchorSql.ANCHORS, r -> new Row(new StoredAnchor(Sql.string(r, 1),
                    AnchorState.valueOf(Sql.string(r, 2)), Sql.string(r, 3), Sql.bytes(r, 4), Sql.bytes(r, 5),
                    Sql.instant(r, 6), Sql.instant(r, 7), Sql.instant(r, 8)), Sql.longValue(r, 9)));
            return rows.isEmpty() ? Optional.<Snapshot>empty() : Optional.of(new Snapshot(
                    rows.stream().map(Row::anchor).toList(), rows.getLast().sequence()));
        });
    }

    @Override
    public Optional<Revision> revision() {
        return tx.read("reading the CA revision", s -> s.first(AnchorSql.REVISION, r -> {
            String active = Sql.string(r, 2);
            return new Revision(Sql.longValue(r, 1), active == null ? "" : active);
        }, AnchorState.ACTIVE.name()));
    }

    @Override
    public boolean lock() {
        return tx.read("locking the CA", s -> s.first(AnchorSql.LOCK, r -> true).isPresent());
    }

    @Override
    public long count(AnchorState state) {
        return tx.read("counting CA anchors", s -> s.first(AnchorSql.COUNT_IN_STATE, r -> Sql.longValue(r, 1),
                state.name()).orElse(0L));
    }

    @Override
    public void insertBundle() {
        tx.write("creating the CA bundle", s -> s.dml(AnchorSql.INSERT_BUNDLE, now()));
    }

    @Override
    public void insertAnchor(StoredAnchor a) {
        tx.write("storing a CA anchor", s -> s.dml(AnchorSql.INSERT_ANCHOR, a.id(), a.state().name(), a.algorithm(),
                a.chain(), a.encryptedKey(), UtcTime.toColumn(a.notBefore()), UtcTime.toColumn(a.notAfter()),
                UtcTime.toColumn(a.createdAt()), now()));
    }

    @Override
    public void nextSequence() {
        tx.write("advancing the CA bundle sequence", s -> s.dml(AnchorSql.NEXT_SEQUENCE, now()));
    }

    @Override
    public void moveState(AnchorState from, AnchorState to) {
        tx.write("moving CA anchors", s -> s.dml(AnchorSql.MOVE_STATE, to.name(), now(), from.name()));
    }

    @Override
    public Optional<StoredKeyPair> misTlsRoot() {
        return tx.read("loading the MIS TLS root", s -> s.first(AnchorSql.TLS_ROOT,
                r -> new StoredKeyPair(Sql.bytes(r, 1), Sql.bytes(r, 2))));
    }

    @Override
    public void insertMisTlsRoot(StoredKeyPair root) {
        tx.write("creating the MIS TLS root", s -> s.dml(AnchorSql.INSERT_TLS_ROOT, root.certificate(),
                root.encryptedKey(), now()));
    }

    private LocalDateTime now() {
        return UtcTime.toColumn(clock.instant());
    }
}
