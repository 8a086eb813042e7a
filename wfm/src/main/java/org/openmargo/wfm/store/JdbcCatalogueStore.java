package org.openmargo.wfm.store;

import io.helidon.dbclient.DbRow;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.CatalogueRows;
import org.openmargo.wfm.catalogue.VersionInfo;
import org.openmargo.wfm.problem.StoreException;

/** {@link CatalogueRows} on Helidon DbClient. */
final class JdbcCatalogueStore implements CatalogueRows {
    /** SQLState foreign_key_violation, the same on PostgreSQL and H2. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final int ACTOR_LENGTH = 80;

    private final Transactor tx;

    JdbcCatalogueStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public Optional<String> sha256(AppVersion app) {
        return tx.read("reading an application version", s -> s.first(CatalogueSql.SHA256, r -> Sql.string(r, 1),
                app.appId(), app.version()));
    }

    @Override
    public Optional<byte[]> description(AppVersion app) {
        return tx.read("reading an application description", s -> s.first(CatalogueSql.DESCRIPTION,
                r -> Sql.bytes(r, 1), app.appId(), app.version()));
    }

    @Override
    public void insert(VersionInfo info, byte[] description) {
        String actor = info.importedBy().length() <= ACTOR_LENGTH ? info.importedBy()
                : info.importedBy().substring(0, ACTOR_LENGTH - 1) + "…";
        tx.write("importing an application description", s -> s.dml(CatalogueSql.INSERT, info.app().appId(),
                info.app().version(), info.name(), info.sha256(), info.sizeBytes(), UtcTime.toColumn(info.importedAt()),
                actor, description));
    }

    @Override
    public List<VersionInfo> versions() {
        return tx.read("listing application versions", s -> s.list(CatalogueSql.VERSIONS, JdbcCatalogueStore::info))
                .stream()
                // Ordered in Java: database collations differ.
                .sorted(Comparator.comparing((VersionInfo i) -> i.app().appId())
                        .thenComparing(VersionInfo::importedAt).thenComparing(i -> i.app().version()))
                .toList();
    }

    @Override
    public Optional<VersionInfo> version(AppVersion app) {
        return tx.read("reading an application version", s -> s.first(CatalogueSql.VERSION, JdbcCatalogueStore::info,
                app.appId(), app.version()));
    }

    @Override
    public Deletion delete(AppVersion app) {
        try {
            long deleted = tx.write("deleting an application version", s -> s.dml(CatalogueSql.DELETE, app.appId(),
                    app.version()));
            return deleted == 0 ? Deletion.ABSENT : Deletion.DELETED;
        } catch (StoreException e) {
            if (foreignKeyViolation(e)) {
                return Deletion.IN_USE;
            }
            throw e;
        }
    }

    private static boolean foreignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static VersionInfo info(DbRow r) {
        return new VersionInfo(new AppVersion(Sql.string(r, 1), Sql.string(r, 2)), Sql.string(r, 3),
                Sql.string(r, 4), Sql.longValue(r, 5), Sql.instant(r, 6), Sql.string(r, 7));
    }
}
