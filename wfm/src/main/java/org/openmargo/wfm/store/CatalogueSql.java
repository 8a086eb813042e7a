package org.openmargo.wfm.store;

import java.util.List;

/** The statements of {@link JdbcCatalogueStore}, over {@code app_version}. */
final class CatalogueSql {
    private CatalogueSql() {
    }

    static final Named SHA256 = Named.of("catalogue.sha256", """
            SELECT sha256 FROM app_version WHERE app_id = ? AND version = ?""");

    static final Named DESCRIPTION = Named.of("catalogue.description", """
            SELECT description FROM app_version WHERE app_id = ? AND version = ?""");

    static final Named INSERT = Named.of("catalogue.insert", """
            INSERT INTO app_version (app_id, version, name, sha256, size_bytes, imported_at, imported_by, description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");

    static final Named VERSIONS = Named.of("catalogue.versions", """
            SELECT app_id, version, name, sha256, size_bytes, imported_at, imported_by FROM app_version""");

    static final Named VERSION = Named.of("catalogue.version", """
            SELECT app_id, version, name, sha256, size_bytes, imported_at, imported_by FROM app_version
            WHERE app_id = ? AND version = ?""");

    static final Named DELETE = Named.of("catalogue.delete", """
            DELETE FROM app_version WHERE app_id = ? AND version = ?""");

    /** Every statement above, for registration as a named statement. */
    static final List<Named> ALL = List.of(SHA256, DESCRIPTION, INSERT, VERSIONS, VERSION, DELETE);
}
