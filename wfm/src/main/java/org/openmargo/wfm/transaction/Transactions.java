package org.openmargo.wfm.transaction;

import java.util.function.Supplier;

/**
 * The transaction callback the domain services run their rules in. Every store call that {@code work} makes on
 * the calling thread joins the one transaction, which commits when {@code work} returns and rolls back when it
 * throws; the outermost call owns the transaction, an inner call joins it. Implementations are thread safe.
 */
public interface Transactions {

    /**
     * Runs {@code work} in one transaction (or in the one already running on this thread). The work may run again
     * from the start when the transaction lost a race, so it must only touch the database.
     *
     * @param operation what the work does, for the error message of a store failure
     * @throws RuntimeException whatever {@code work} throws, unchanged, after the rollback
     */
    <T> T inTransaction(String operation, Supplier<T> work);

    /**
     * Runs {@code action} once the transaction running on this thread commits (never when it rolls back), or at
     * once when none is running. For in-memory state that must follow a change only when it is durable.
     */
    void afterCommit(Runnable action);
}
