package org.openmargo.wfm.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * A database operation failed. The message names the operation only; the cause carries the driver's detail for the
 * log and must not be shown to callers.
 *
 * <p>{@link #outage()} tells the two kinds apart: {@code true} only when the database could not be reached or is not
 * serving (a connection failure, a pool timeout, SQLState class 08 or an operator shutdown), which a caller may
 * answer with "retry later"; {@code false} for everything else (a constraint or data error, a bug), which retrying
 * would not fix and which must not be reported as an outage.
 */
public final class StoreException extends RuntimeException {
    /** 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections. */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private final boolean outage;

    private StoreException(String message, Throwable cause, boolean outage) {
        super(message, cause);
        this.outage = outage;
    }

    /** A failure of {@code operation}, classified from {@code cause} (see {@link #outage()}). */
    public static StoreException of(String operation, SQLException cause) {
        return new StoreException(operation + " failed", cause, isOutage(cause));
    }

    /** A failure that is an outage whatever its cause, for example a pool that cannot be opened. */
    public static StoreException outage(String message, Throwable cause) {
        return new StoreException(message, cause, true);
    }

    /** Whether the database was unreachable or not serving, as opposed to refusing this operation. */
    public boolean outage() {
        return outage;
    }

    /** Whether {@code e}, or any SQL exception it chains to, says the database is unreachable or not serving. */
    static boolean isOutage(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || OUTAGE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
