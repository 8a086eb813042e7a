package org.openmargo.wfm.store;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.openmargo.wfm.audit.AuditEvent;
import org.openmargo.wfm.audit.AuditFilter;
import org.openmargo.wfm.audit.AuditStore;

/** {@link AuditStore} on Helidon DbClient. */
final class JdbcAuditStore implements AuditStore {
    private final Transactor tx;

    JdbcAuditStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEvent event) {
        tx.write("appending to the audit log", s -> append(s, event));
    }

    @Override
    public <T> T appendWith(Supplier<T> change, Function<T, AuditEvent> event) {
        return tx.write("making an audited change", s -> {
            T result = change.get();
            append(s, event.apply(result));
            return result;
        });
    }

    private static long append(Sql s, AuditEvent event) {
        return s.dml(AuditSql.APPEND, UtcTime.toColumn(event.at()), event.actor(), event.remoteAddress(),
                event.action(), event.target(), event.detail());
    }

    @Override
    public List<Entry> recent(int limit, AuditFilter filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (filter.equals(AuditFilter.NONE)) {
            return tx.read("reading the audit log", s -> s.list(AuditSql.RECENT, JdbcAuditStore::entry, limit));
        }
        return tx.read("reading the audit log", s -> s.list(AuditSql.RECENT_MATCHING, JdbcAuditStore::entry,
                AuditFilter.likePattern(filter.actor()), AuditFilter.likePattern(filter.action()),
                AuditFilter.likePattern(filter.target()), limit));
    }

    private static Entry entry(io.helidon.dbclient.DbRow r) {
        return new Entry(Sql.longValue(r, 1), new AuditEvent(Sql.instant(r, 2), Sql.string(r, 3), Sql.string(r, 4),
                Sql.string(r, 5), Sql.string(r, 6), Sql.string(r, 7)));
    }
}
