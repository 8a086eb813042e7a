package org.openmargo.wfm.store;

import java.util.Optional;

import org.openmargo.wfm.lease.Lease;
import org.openmargo.wfm.lease.LeaseRows;

/** {@link LeaseRows} on Helidon DbClient. */
final class JdbcLeaseStore implements LeaseRows {
    private final Transactor tx;

    JdbcLeaseStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Lease> lock(String name) {
        return tx.read("locking a lease", s -> s.first(LeaseSql.LOCK, r -> new Lease(Sql.string(r, 1),
                Sql.string(r, 2), Sql.longValue(r, 3), Sql.instant(r, 4)), name));
    }

    @Override
    public void insert(Lease lease) {
        tx.write("taking a lease", s -> s.dml(LeaseSql.INSERT, lease.name(), lease.holder(), lease.fence(),
                UtcTime.toColumn(lease.expiresAt())));
    }

    @Override
    public void update(Lease lease) {
        tx.write("taking a lease", s -> s.dml(LeaseSql.UPDATE, lease.holder(), lease.fence(),
                UtcTime.toColumn(lease.expiresAt()), lease.name()));
    }

    @Override
    public boolean delete(String name, String holder, long fence) {
        return tx.write("releasing a lease", s -> s.dml(LeaseSql.DELETE, name, holder, fence) == 1);
    }
}
