package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.status.DeploymentState;
import org.openmargo.wfm.status.StatusReport;
import org.openmargo.wfm.status.StatusStore;

/**
 * {@link StatusStore} over JDBC. Reports about one deployment are serialized by a row lock on the deployment, so the
 * stale check and the write see the same stored report.
 */
final class JdbcStatusStore implements StatusStore {
    private final Transactor tx;
    private final Clock clock;

    JdbcStatusStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Outcome upsert(String clientId, StatusReport report) {
        return tx.write("storing a status report", c -> upsert(c, clientId, report));
    }

    private Outcome upsert(Connection c, String clientId, StatusReport report) throws SQLException {
        String id = report.deploymentId();
        long since = firstLong(c, StatusSql.LOCK_DEPLOYMENT, clientId, id).orElseThrow(() -> semantic(
                "no deployment " + id + " is assigned to this client",
                List.of(new FieldError("deploymentId", "no such deployment for this client"))));
        List<FieldError> componentErrors = ComponentCheck.errors(componentNames(c, clientId, id), report.components());
        if (!componentErrors.isEmpty()) {
            throw semantic("the components do not match the deployment's components", componentErrors);
        }
        long current = firstLong(c, StatusSql.MANIFEST_VERSION, clientId).orElse(1L);
        long adopted = report.adoptedManifestVersion();
        if (Long.compareUnsigned(adopted, current) > 0) {
            throw semantic("adoptedManifestVersion is above the current manifest version",
                    List.of(new FieldError("adoptedManifestVersion",
                            "must not exceed the current manifestVersion " + Long.toUnsignedString(current))));
        }
        Optional<Long> stored = firstLong(c, StatusSql.STORED_VERSION, clientId, id);
        // Spec d.4: a report about an older revision, or older than what is stored, is acknowledged and dropped.
        if (Long.compareUnsigned(adopted, since) < 0
                || stored.isPresent() && Long.compareUnsigned(adopted, stored.get()) < 0) {
            return Outcome.STALE;
        }
        try (PreparedStatement s = Rows.prepare(c, stored.isPresent() ? StatusSql.REPLACE : StatusSql.INSERT,
                adopted, report.state().wire(), report.json(), UtcTime.toColumn(clock.instant()), clientId, id)) {
            s.executeUpdate();
        }
        return stored.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
    }

    @Override
    public List<Stored> latest(String clientId) {
        return tx.read("listing status reports", c -> {
            List<Stored> all = new ArrayList<>();
            try (PreparedStatement s = Rows.prepare(c, StatusSql.LATEST, clientId); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    DeploymentState state = DeploymentState.fromWire(r.getString(3)).orElseThrow(
                            () -> new IllegalStateException("unknown state stored"));
                    all.add(new Stored(r.getString(1), r.getLong(2), state, r.getBytes(4),
                            UtcTime.fromColumn(r.getObject(5, LocalDateTime.class))));
                }
            }
            all.sort(Comparator.comparing(Stored::deploymentId));
            return List.copyOf(all);
        });
    }

    private static List<String> componentNames(Connection c, String clientId, String id) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = Rows.prepare(c, StatusSql.COMPONENT_NAMES, clientId, id);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static Optional<Long> firstLong(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
        }
    }

    private static ProblemException semantic(String detail, List<FieldError> errors) {
        return new ProblemException(ProblemType.SEMANTIC_ERROR, detail, errors);
    }
}
