package org.openmargo.wfm.store;

/** The statements of {@link JdbcLeaseStore}. */
final class LeaseSql {
    private LeaseSql() {
    }

    static final Named LOCK = Named.of("lease.lock", """
            SELECT name, holder, fence, expires_at FROM cluster_lease WHERE name = ? FOR UPDATE""");

    static final Named INSERT = Named.of("lease.insert", """
            INSERT INTO cluster_lease (name, holder, fence, expires_at) VALUES (?, ?, ?, ?)""");

    static final Named UPDATE = Named.of("lease.update", """
            UPDATE cluster_lease SET holder = ?, fence = ?, expires_at = ? WHERE name = ?""");

    static final Named DELETE = Named.of("lease.delete", """
            DELETE FROM cluster_lease WHERE name = ? AND holder = ? AND fence = ?""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(LOCK, INSERT, UPDATE, DELETE);
}
