package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.openmargo.wfm.audit.AuditEvent;
import org.openmargo.wfm.audit.AuditStore;

/** {@link AuditStore} over JDBC. */
final class JdbcAuditStore implements AuditStore {
    private final Transactor tx;

    JdbcAuditStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEvent event) {
        tx.write("appending to the audit log", c -> append(c, event));
    }

    @Override
    public <T> T appendWith(Supplier<T> change, Function<T, AuditEvent> event) {
        return tx.write("making an audited change", c -> {
            T result = change.get();
            append(c, event.apply(result));
            return result;
        });
    }

    private static int append(Connection c, AuditEvent event) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, AuditSql.APPEND, UtcTime.toColumn(event.at()), event.actor(),
                event.remoteAddress(), event.action(), event.target(), event.detail())) {
            return s.executeUpdate();
        }
    }

    @Override
    public List<Entry> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return tx.read("reading the audit log", c -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = Rows.prepare(c, AuditSql.RECENT, limit); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new Entry(r.getLong(1), new AuditEvent(
                            UtcTime.fromColumn(r.getObject(2, LocalDateTime.class)), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7))));
                }
            }
            return List.copyOf(entries);
        });
    }
}
