package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.wfm.ca.AnchorState;
import org.openmargo.wfm.ca.AnchorStore;
import org.openmargo.wfm.ca.RotationConflictException;

/** {@link AnchorStore} over JDBC; every change holds the {@code ca_bundle} row lock. */
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
        return tx.read("reading the CA revision", c -> {
            try (PreparedStatement s = Rows.prepare(c, AnchorSql.REVISION, AnchorState.ACTIVE.name());
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String active = r.getString(2);
                return Optional.of(new Revision(r.getLong(1), active == null ? "" : active));
            }
        });
    }

    @Override
    public Snapshot initialise(StoredAnchor active) {
        return tx.write("creating the first CA anchor", c -> {
            Optional<Snapshot> existing = locked(c);
            if (existing.isPresent()) {
                return existing.get();
            }
            // A concurrent first start inserts the same primary key: the transaction retries and finds it.
            update(c, AnchorSql.INSERT_BUNDLE, now());
            insert(c, active);
            return snapshot(c).orElseThrow();
        });
    }

    @Override
    public Snapshot stage(StoredAnchor next) {
        return tx.write("staging a CA anchor", c -> {
            requireLocked(c);
            refuseIf(c, AnchorState.NEXT, "an anchor is already staged: activate it first");
            refuseIf(c, AnchorState.PREVIOUS, "the previous rotation is not finished: run 'finish' first");
            requireSome(c, AnchorState.ACTIVE, "there is no active anchor");
            insert(c, next);
            update(c, AnchorSql.NEXT_SEQUENCE, now());
            return snapshot(c).orElseThrow();
        });
    }

    @Override
    public Snapshot activate() {
        return tx.write("activating the staged CA anchor", c -> {
            requireLocked(c);
            requireSome(c, AnchorState.NEXT, "no anchor is staged: run 'stage' first");
            refuseIf(c, AnchorState.PREVIOUS, "the previous rotation is not finished: run 'finish' first");
            update(c, AnchorSql.MOVE_STATE, AnchorState.PREVIOUS.name(), now(), AnchorState.ACTIVE.name());
            update(c, AnchorSql.MOVE_STATE, AnchorState.ACTIVE.name(), now(), AnchorState.NEXT.name());
            return snapshot(c).orElseThrow();
        });
    }

    @Override
    public Snapshot finish() {
        return tx.write("finishing the CA rotation", c -> {
            requireLocked(c);
            requireSome(c, AnchorState.PREVIOUS, "there is no previous anchor to remove: run 'stage' and "
                    + "'activate' first");
            update(c, AnchorSql.MOVE_STATE, AnchorState.RETIRED.name(), now(), AnchorState.PREVIOUS.name());
            update(c, AnchorSql.NEXT_SEQUENCE, now());
            return snapshot(c).orElseThrow();
        });
    }

    @Override
    public Optional<StoredKeyPair> misTlsRoot() {
        return tx.read("loading the MIS TLS root", JdbcAnchorStore::tlsRoot);
    }

    @Override
    public StoredKeyPair initialiseMisTlsRoot(StoredKeyPair root) {
        return tx.write("creating the MIS TLS root", c -> {
            Optional<StoredKeyPair> existing = tlsRoot(c);
            if (existing.isPresent()) {
                return existing.get();
            }
            update(c, AnchorSql.INSERT_TLS_ROOT, root.certificate(), root.encryptedKey(), now());
            return root;
        });
    }

    private LocalDateTime now() {
        return UtcTime.toColumn(clock.instant());
    }

    private static Optional<Snapshot> locked(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(AnchorSql.LOCK); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
        }
        return snapshot(c);
    }

    private static void requireLocked(Connection c) throws SQLException {
        if (locked(c).isEmpty()) {
            throw new RotationConflictException("the CA has not been created yet");
        }
    }

    private static void refuseIf(Connection c, AnchorState state, String message) throws SQLException {
        if (count(c, state) > 0) {
            throw new RotationConflictException(message);
        }
    }

    private static void requireSome(Connection c, AnchorState state, String message) throws SQLException {
        if (count(c, state) == 0) {
            throw new RotationConflictException(message);
        }
    }

    private static long count(Connection c, AnchorState state) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, AnchorSql.COUNT_IN_STATE, state.name());
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void insert(Connection c, StoredAnchor a) throws SQLException {
        update(c, AnchorSql.INSERT_ANCHOR, a.id(), a.state().name(), a.algorithm(), a.chain(), a.encryptedKey(),
                UtcTime.toColumn(a.notBefore()), UtcTime.toColumn(a.notAfter()), UtcTime.toColumn(a.createdAt()),
                now());
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, sql, params)) {
            s.executeUpdate();
        }
    }

    /** Empty when there is no bundle row, or no anchor yet (both are written in one transaction). */
    private static Optional<Snapshot> snapshot(Connection c) throws SQLException {
        long sequence = -1;
        List<StoredAnchor> anchors = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(AnchorSql.ANCHORS); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                anchors.add(new StoredAnchor(r.getString(1), AnchorState.valueOf(r.getString(2)), r.getString(3),
                        r.getBytes(4), r.getBytes(5), time(r, 6), time(r, 7), time(r, 8)));
                sequence = r.getLong(9);
            }
        }
        return anchors.isEmpty() ? Optional.empty() : Optional.of(new Snapshot(anchors, sequence));
    }

    private static java.time.Instant time(ResultSet r, int column) throws SQLException {
        return UtcTime.fromColumn(r.getObject(column, LocalDateTime.class));
    }

    private static Optional<StoredKeyPair> tlsRoot(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(AnchorSql.TLS_ROOT); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new StoredKeyPair(r.getBytes(1), r.getBytes(2))) : Optional.empty();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        tx.afterCommit(action);
    }
}
