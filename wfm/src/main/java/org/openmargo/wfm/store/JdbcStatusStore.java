package org.openmargo.wfm.store;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.openmargo.wfm.status.DeploymentState;
import org.openmargo.wfm.status.StatusChange;
import org.openmargo.wfm.status.StatusReport.ComponentStatus;
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

    @Override
    public List<StatusChange> changes(String clientId, String deploymentId, int limit) {
        return tx.read("reading status history", s -> s.list(StatusSql.CHANGES, r -> new StatusChange(
                Sql.longValue(r, 1), Sql.longValue(r, 2), state(Sql.string(r, 3)), components(Sql.bytes(r, 4)),
                Sql.instant(r, 5)), clientId, deploymentId, limit));
    }

    @Override
    public void appendChange(String clientId, String deploymentId, StatusChange change) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        change.components().forEach(c -> list.add(Json.createObjectBuilder().add("name", c.name())
                .add("state", c.state().wire())));
        tx.write("appending a status change", s -> s.dml(StatusSql.APPEND_CHANGE, change.seq(),
                change.adoptedManifestVersion(), change.state().wire(),
                list.build().toString().getBytes(StandardCharsets.UTF_8), UtcTime.toColumn(clock.instant()),
                clientId, deploymentId));
    }

    @Override
    public void pruneChanges(String clientId, String deploymentId, long firstKept) {
        tx.write("pruning status history", s -> s.dml(StatusSql.PRUNE_CHANGES, clientId, deploymentId, firstKept));
    }

    private static DeploymentState state(String wire) {
        return DeploymentState.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown state stored"));
    }

    /** The components column: a JSON array of {name, state} written by {@link #appendChange}. */
    private static List<ComponentStatus> components(byte[] json) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream().map(o -> new ComponentStatus(
                    o.getString("name"), state(o.getString("state")))).toList();
        }
    }
}
