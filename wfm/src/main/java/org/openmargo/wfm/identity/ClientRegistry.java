package org.openmargo.wfm.identity;

import java.time.Instant;
import java.util.List;

/**
 * The durable accepted-client policy: which WFM client ids are accepted and which are retired (spec b.1).
 * Implementations are thread safe.
 */
public interface ClientRegistry {

    /** Marks a client accepted (creating it when new). */
    void accept(String clientId);

    /** Marks a client retired: a valid SVID for it is refused with 403 from then on. */
    void retire(String clientId);

    /**
     * Runs {@code action} once the database transaction running on this thread commits (see
     * {@code AuditStore#appendWith}), never if it rolls back; at once when none is running. For in-memory state
     * that must follow a change only when it is durable.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    /** Every client the policy names, ordered by id. */
    List<Entry> entries();

    /** A client's standing in the policy. */
    enum Standing { ACCEPTED, RETIRED }

    /**
     * @param clientId  the wfm-client-id
     * @param standing  accepted or retired
     * @param updatedAt when the standing last changed
     */
    record Entry(String clientId, Standing standing, Instant updatedAt) {
    }
}
