package org.openmargo.wfm.store;

import org.openmargo.wfm.problem.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs units of work on pooled connections: reads in auto-commit mode, changes in one explicit transaction. A
 * transaction that lost a race (a concurrent insert of the same key, a serialization failure or a deadlock) is rolled
 * back and run again from the start, so the work must only touch the database.
 *
 * <p>Work runs with its connection bound to the calling thread: a {@link #read} or {@link #write} that a
 * {@link #write} runs (directly, or through another store on this transactor) joins the outer transaction instead
 * of opening its own, so that several stores can change the database as one (an operator change and its audit
 * entry). Only the outermost call commits, rolls back and retries. {@link #afterCommit} defers in-memory effects
 * until that commit. Thread safe; a transaction never spans threads.
 */
final class Transactor {
    /** unique_violation, serialization_failure, deadlock_detected (PostgreSQL and H2 share the first two). */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01");
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(Transactor.class.getName());

    private final DataSource dataSource;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();

    Transactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The connection of the transaction running on this thread and what to do once it commits. */
    private record Bound(Connection connection, List<Runnable> afterCommit) {
    }

    /** Runs read-only work in auto-commit mode, or inside the transaction running on this thread. */
    <T> T read(String operation, Work<T> work) {
        Bound outer = bound.get();
        if (outer != null) {
            return joined(operation, outer, work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreException.of(operation, e);
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
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(e.getSQLState())) {
                    throw StoreException.of(operation, e);
                }
            } catch (StoreException e) {
                // A joined call failed inside this transaction: retry the whole unit when its cause was a race.
                if (attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException sql)
                        || !RETRYABLE.contains(sql.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code action} once the transaction running on this thread commits (never when it rolls back), or at
     * once when none is running.
     */
    void afterCommit(Runnable action) {
        Bound outer = bound.get();
        if (outer == null) {
            action.run();
        } else {
            outer.afterCommit().add(action);
        }
    }

    private static <T> T joined(String operation, Bound outer, Work<T> work) {
        try {
            return work.run(outer.connection());
        } catch (SQLException e) {
            throw StoreException.of(operation, e);
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Bound own = new Bound(c, new ArrayList<>());
            bound.set(own);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
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
    }
}
