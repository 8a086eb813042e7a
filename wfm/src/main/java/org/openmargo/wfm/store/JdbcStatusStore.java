package org.openmargo.wfm.store;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.status.DeploymentState;
import org.openmargo.wfm.status.StatusReport;
import org.openmargo.wfm.status.StatusRows;
import org.openmargo.wfm.status.StatusStore.Stored;

/** {@link StatusRows} on Helidon DbClient. */
final class JdbcStatusStore implements StatusRows {
    private final Transactor tx;
    private final Clock clock;

    JdbcStatusStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<Long> lockDeployment(String clientId, String deploymentId) {
        return tx.read("locking a deployment", s -> s.first(StatusSql.LOCK_DEPLOYMENT, r -> Sql.longValue(r, 1),
                clientId, deploymentId));
    }

    @Override
    public List<String> componentNames(String clientId, String deploymentId) {
        return tx.read("reading component names", s -> s.list(StatusSql.COMPONENT_NAMES, r -> Sql.string(r, 1),
                clientId, deploymentId));
    }

    @Override
    public Optional<Long> manifestVersion(String clientId) {
        return tx.read("reading the manifest version", s -> s.first(StatusSql.MANIFEST_VERSION,
                r -> Sql.longValue(r, 1), clientId));
    }

    @Override
    public Optional<Long> storedVersion(String clientId, String deploymentId) {
        return tx.read("reading a status report", s -> s.first(StatusSql.STORED_VERSION, r -> Sql.longValue(r, 1),
                clientId, deploymentId));
    }

    @Override
    public void write(String clientId, StatusReport report, boolean replace) {
        tx.write("storing a status report", s -> s.dml(replace ? StatusSql.REPLACE : StatusSql.INSERT,
                report.adoptedManifestVersion(), report.state().wire(), report.json(),
                UtcTime.toColumn(clock.instant()), clientId, report.deploymentId()));
    }

    @Override
    public List<Stored> latest(String clientId) {
        return tx.read("listing status reports", s -> s.list(StatusSql.LATEST, r -> new Stored(Sql.string(r, 1),
                        Sql.longValue(r, 2), DeploymentState.fromWire(Sql.string(r, 3)).orElseThrow(
                                () -> new IllegalStateException("unknown state stored")),
                        Sql.bytes(r, 4), Sql.instant(r, 5)), clientId)
                .stream().sorted(Comparator.comparing(Stored::deploymentId)).toList());
    }
}
