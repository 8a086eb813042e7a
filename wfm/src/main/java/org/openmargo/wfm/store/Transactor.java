package org.openmargo.wfm.store;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbTransaction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.transaction.Transactions;

/**
 * Runs units of work on Helidon DbClient: reads in auto-commit mode, changes in one {@link DbTransaction}. A
 * transaction that lost a race (a concurrent insert of the same key, a serialization failure or a deadlock) is rolled
 * back and run again from the start, so the work must only touch the database.
 *
 * <p>Work runs with its transaction bound to the calling thread: a {@link #read} or {@link #write} that a
 * {@link #write} runs (directly, or through another store on this transactor) joins the outer transaction instead
 * of opening its own, so that several stores can change the database as one (an operator change and its audit
 * entry). Only the outermost call commits, rolls back and retries. {@link #afterCommit} defers in-memory effects
 * until that commit. Thread safe; a transaction never spans threads.
 */
final class Transactor implements Transactions {
    /** unique_violation, serialization_failure, deadlock_detected (PostgreSQL and H2 share the first two). */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01");
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(Transactor.class.getName());

    private final DbClient db;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();
    private final ThreadLocal<Integer> transactions = ThreadLocal.withInitial(() -> 0);
    private volatile LongConsumer timer = nanos -> { };

    Transactor(DbClient db) {
        this.db = db;
    }

    /** A unit of work on one executor. */
    @FunctionalInterface
    interface Work<T> {
        T run(Sql sql);
    }

    /** The transaction running on this thread and what to do once it commits. */
    private record Bound(Sql sql, List<Runnable> afterCommit) {
    }

    /** Runs read-only work in auto-commit mode, or inside the transaction running on this thread. */
    <T> T read(String operation, Work<T> work) {
        Bound outer = bound.get();
        if (outer != null) {
            return joined(operation, outer, work);
        }
        try {
            return work.run(new Sql(db.execute()));
        } catch (DbClientException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs work in one transaction and commits it, or joins the transaction already running on this thread.
     * Unchecked exceptions from the work roll the transaction back and pass through unchanged.
     *
     * @throws StoreException when the database fails; {@link StoreException#outage()} says whether it was reachable
     */
    <T> T write(String operation, Work<T> work) {
        Bound outer = bound.get();
        if (outer != null) {
            return joined(operation, outer, work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (DbClientException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw failure(operation, e);
                }
            } catch (StoreException e) {
                // A joined call failed inside this transaction: retry the whole unit when its cause was a race.
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public <T> T inTransaction(String operation, Supplier<T> work) {
        return write(operation, sql -> work.get());
    }

    @Override
    public void afterCommit(Runnable action) {
        Bound outer = bound.get();
        if (outer == null) {
            action.run();
        } else {
            outer.afterCommit().add(action);
        }
    }

    /** How many transactions this thread has begun through this transactor (joined calls begin none); for tests. */
    int transactionsBegun() {
        return transactions.get();
    }

    private static <T> T joined(String operation, Bound outer, Work<T> work) {
        try {
            return work.run(outer.sql());
        } catch (DbClientException e) {
            throw failure(operation, e);
        }
    }

    /** Receives the duration in nanoseconds of every transaction, committed or rolled back (one call per attempt). */
    void timer(LongConsumer timer) {
        this.timer = timer;
    }

    private <T> T once(Work<T> work) {
        long start = System.nanoTime();
        try {
            return timedOnce(work);
        } finally {
            timer.accept(System.nanoTime() - start);
        }
    }

    private <T> T timedOnce(Work<T> work) {
        DbTransaction tx = db.transaction();
        transactions.set(transactions.get() + 1);
        Bound own = new Bound(new Sql(tx), new ArrayList<>());
        bound.set(own);
        T result;
        try {
            result = work.run(own.sql());
            tx.commit();
        } catch (RuntimeException e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            bound.remove();
        }
        for (Runnable action : own.afterCommit()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // Committed: an in-memory follower that failed must not turn the change into an error.
                LOG.log(Level.WARNING, "after a committed change", e);
            }
        }
        return result;
    }

    private static boolean retryable(RuntimeException e) {
        return sqlCause(e).map(s -> RETRYABLE.contains(s.getSQLState())).orElse(false);
    }

    private static StoreException failure(String operation, DbClientException e) {
        Optional<SQLException> cause = sqlCause(e);
        // Without a driver exception DbClient itself refused the statement (a bug, not an outage).
        return StoreException.of(operation, cause.orElseGet(() -> new SQLException(e.getMessage(), e)));
    }

    /** The first SQL exception in the cause chain: DbClient wraps the driver's exception. */
    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
