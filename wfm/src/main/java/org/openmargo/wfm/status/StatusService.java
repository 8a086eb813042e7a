package org.openmargo.wfm.status;

import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.transaction.Transactions;

/**
 * {@link StatusStore}'s rules over {@link StatusRows}: a report is checked and stored in one transaction that holds
 * the deployment's row lock, so the stale check and the write see the same stored report, and the history entry
 * (numbered after the newest one) is appended and pruned under that same lock.
 */
public final class StatusService implements StatusStore {
    private final Transactions transactions;
    private final StatusRows rows;

    public StatusService(Transactions transactions, StatusRows rows) {
        this.transactions = transactions;
        this.rows = rows;
    }

    @Override
    public Outcome upsert(String clientId, StatusReport report) {
        return transactions.inTransaction("storing a status report", () -> check(clientId, report));
    }

    private Outcome check(String clientId, StatusReport report) {
        String id = report.deploymentId();
        long since = rows.lockDeployment(clientId, id).orElseThrow(() -> semantic(
                "no deployment " + id + " is assigned to this client",
                List.of(new FieldError("deploymentId", "no such deployment for this client"))));
        List<FieldError> componentErrors = ComponentCheck.errors(rows.componentNames(clientId, id),
                report.components());
        if (!componentErrors.isEmpty()) {
            throw semantic("the components do not match the deployment's components", componentErrors);
        }
        long current = rows.manifestVersion(clientId).orElse(1L);
        long adopted = report.adoptedManifestVersion();
        if (Long.compareUnsigned(adopted, current) > 0) {
            throw semantic("adoptedManifestVersion is above the current manifest version",
                    List.of(new FieldError("adoptedManifestVersion",
                            "must not exceed the current manifestVersion " + Long.toUnsignedString(current))));
        }
        Optional<Long> stored = rows.storedVersion(clientId, id);
        // Spec d.4: a report about an older revision, or older than what is stored, is acknowledged and dropped.
        if (Long.compareUnsigned(adopted, since) < 0
                || stored.isPresent() && Long.compareUnsigned(adopted, stored.get()) < 0) {
            return Outcome.STALE;
        }
        rows.write(clientId, report, stored.isPresent());
        recordChange(clientId, report);
        return stored.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
    }

    /** Appends the report to the history when its states differ from the newest entry, then prunes. */
    private void recordChange(String clientId, StatusReport report) {
        String id = report.deploymentId();
        Optional<StatusChange> newest = rows.changes(clientId, id, 1).stream().findFirst();
        if (newest.isPresent() && newest.get().sameStates(report)) {
            return;
        }
        long seq = newest.map(c -> c.seq() + 1).orElse(1L);
        rows.appendChange(clientId, id, new StatusChange(seq, report.adoptedManifestVersion(), report.state(),
                report.components(), java.time.Instant.EPOCH));
        if (seq > HISTORY_KEPT) {
            rows.pruneChanges(clientId, id, seq - HISTORY_KEPT + 1);
        }
    }

    @Override
    public List<StatusChange> history(String clientId, String deploymentId) {
        return rows.changes(clientId, deploymentId, HISTORY_KEPT);
    }

    @Override
    public List<Stored> latest(String clientId) {
        return rows.latest(clientId);
    }

    private static ProblemException semantic(String detail, List<FieldError> errors) {
        return new ProblemException(ProblemType.SEMANTIC_ERROR, detail, errors);
    }
}
