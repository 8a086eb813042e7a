package org.openmargo.wfm.audit;

import java.util.List;

/**
 * The durable, append-only audit log. Implementations are thread safe and fail with
 * {@code org.openmargo.wfm.store.StoreException}.
 */
public interface AuditStore {

    /** Appends an event. */
    void append(AuditEvent event);

    /** The {@code limit} most recent entries, newest first. */
    List<Entry> recent(int limit);

    /**
     * A stored event.
     *
     * @param id    increasing in append order
     * @param event the event
     */
    record Entry(long id, AuditEvent event) {
    }
}
