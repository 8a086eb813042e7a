package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs units of work on pooled connections: reads in auto-commit mode, changes in one explicit transaction. A
 * transaction that lost a race (a concurrent insert of the same key, a serialization failure or a deadlock) is rolled
 * back and run again from the start, so the work must only touch the database. Thread safe.
 */
final class Transactor {
    /** unique_violation, serialization_failure, deadlock_detected (PostgreSQL and H2 share the first two). */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01");
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    Transactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs read-only work in auto-commit mode. */
    <T> T read(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(operation + " failed", e);
        }
    }

    /**
     * Runs work in one transaction and commits it. Unchecked exceptions from the work roll the transaction back and
     * pass through unchanged.
     */
    <T> T write(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(e.getSQLState())) {
                    throw new StoreException(operation + " failed", e);
                }
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
