package org.openmargo.wfm.audit;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The durable, append-only audit log. Implementations are thread safe and fail with
 * {@code org.openmargo.wfm.problem.StoreException}.
 */
public interface AuditStore {

    /** Appends an event. */
    void append(AuditEvent event);

    /**
     * Runs {@code change} and appends the event built from its result in <em>one</em> database transaction: both
     * are committed, or neither (a failure of either rolls both back; a kill between them leaves neither). The
     * change must only touch the database through the stores of the same database, whose calls on this thread join
     * the transaction, and may run again from the start when the transaction lost a race.
     *
     * @throws RuntimeException whatever {@code change} or {@code event} throws, unchanged, after the rollback
     */
    <T> T appendWith(Supplier<T> change, Function<T, AuditEvent> event);

    /** The {@code limit} most recent entries, newest first. */
    default List<Entry> recent(int limit) {
        return recent(limit, AuditFilter.NONE);
    }

    /** The {@code limit} most recent entries that the filter selects, newest first. */
    List<Entry> recent(int limit, AuditFilter filter);

    /**
     * A stored event.
     *
     * @param id    increasing in append order
     * @param event the event
     */
    record Entry(long id, AuditEvent event) {
    }
}
