package org.openmargo.wfm.store;

import io.helidon.dbclient.DbColumn;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs named statements on one Helidon DbClient executor (a transaction, or auto-commit reads) and reads simple
 * results. Parameters are positional; columns are read by their 1-based position.
 */
final class Sql {
    private final DbExecute exec;

    Sql(DbExecute exec) {
        this.exec = exec;
    }

    /** Every row of a query, mapped while the result is open. */
    <T> List<T> list(Named statement, Function<DbRow, T> row, Object... params) {
        try (Stream<DbRow> rows = exec.createNamedQuery(statement.name()).params(params).execute()) {
            return rows.map(row).toList();
        }
    }

    /** The first row of a query, mapped; empty when there is none. */
    <T> Optional<T> first(Named statement, Function<DbRow, T> row, Object... params) {
        return exec.createNamedGet(statement.name()).params(params).execute().map(row);
    }

    /** The number of rows an INSERT, UPDATE, DELETE or MERGE changed. */
    long dml(Named statement, Object... params) {
        return exec.createNamedDmlStatement(statement.name()).params(params).execute();
    }

    /** The first column of every row, sorted in String order (database collations differ). */
    List<String> sortedStrings(Named statement, Object... params) {
        return list(statement, r -> string(r, 1), params).stream().sorted().toList();
    }

    /** The column's value; {@code null} for SQL NULL (DbClient's column is an empty optional value then). */
    private static Object value(DbRow row, int column) {
        DbColumn c = row.column(column);
        return c.isPresent() ? c.get() : null;
    }

    static String string(DbRow row, int column) {
        return (String) value(row, column);
    }

    static long longValue(DbRow row, int column) {
        return ((Number) value(row, column)).longValue();
    }

    /** Empty for SQL NULL. */
    static Optional<Long> optionalLong(DbRow row, int column) {
        return Optional.ofNullable((Number) value(row, column)).map(Number::longValue);
    }

    static int intValue(DbRow row, int column) {
        return ((Number) value(row, column)).intValue();
    }

    static boolean isNull(DbRow row, int column) {
        return value(row, column) == null;
    }

    /** BYTEA as bytes (both drivers return {@code byte[]}). */
    static byte[] bytes(DbRow row, int column) {
        return (byte[]) value(row, column);
    }

    /** A UTC TIMESTAMP column as an instant; the drivers return {@code LocalDateTime} or {@code Timestamp}. */
    static Instant instant(DbRow row, int column) {
        return optionalInstant(row, column).orElseThrow(
                () -> new IllegalStateException("column " + column + " is NULL"));
    }

    /** Empty for SQL NULL. */
    static Optional<Instant> optionalInstant(DbRow row, int column) {
        Object value = value(row, column);
        return switch (value) {
            case null -> Optional.empty();
            case LocalDateTime t -> Optional.of(UtcTime.fromColumn(t));
            case java.sql.Timestamp t -> Optional.of(UtcTime.fromColumn(t.toLocalDateTime()));
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }
}
