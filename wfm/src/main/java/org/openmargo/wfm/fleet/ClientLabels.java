package org.openmargo.wfm.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.transaction.Transactions;

/**
 * Operator-assigned labels of clients: they apply to every device of the client and win over a device's own label of
 * the same name ({@link DeviceLabels}). A group is the label {@code group=<name>}. Each change is one transaction
 * (joining the caller's) and asks the {@link ReconcileQueue} to reconcile the client once it commits. Thread safe.
 */
public final class ClientLabels {
    /** A label name: an optional DNS prefix and '/', then a name, as Kubernetes label keys. */
    public static final Pattern NAME = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    /** The longest value accepted. */
    public static final int MAX_VALUE = 255;

    private final Transactions transactions;
    private final FleetRows rows;
    private final ReconcileQueue queue;

    public ClientLabels(Transactions transactions, FleetRows rows, ReconcileQueue queue) {
        this.transactions = transactions;
        this.rows = rows;
        this.queue = queue;
    }

    /** The client's labels (empty when it has none). */
    public Map<String, String> of(String clientId) {
        return rows.labels(clientId);
    }

    /** Every client with labels. */
    public Map<String, Map<String, String>> all() {
        return rows.allLabels();
    }

    /**
     * Sets a label.
     *
     * @return the previous value
     * @throws ProblemException 422 when the name or value is invalid
     */
    public Optional<String> put(String clientId, String name, String value) {
        if (name == null || name.length() > 317 || !NAME.matcher(name).matches()) {
            throw invalid("name", "must be a label name like example.com/site or group");
        }
        if (value == null || value.length() > MAX_VALUE || !value.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw invalid("value", "must be at most " + MAX_VALUE + " printable characters");
        }
        return transactions.inTransaction("setting a client label", () -> {
            Optional<String> before = rows.putLabel(clientId, name, value);
            transactions.afterCommit(() -> queue.client(clientId, false));
            return before;
        });
    }

    /** Removes a label; false when it was not set. */
    public boolean remove(String clientId, String name) {
        return transactions.inTransaction("removing a client label", () -> {
            boolean removed = rows.removeLabel(clientId, name);
            transactions.afterCommit(() -> queue.client(clientId, false));
            return removed;
        });
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.SEMANTIC_ERROR, "the label is invalid",
                List.of(new FieldError(field, message)));
    }
}
