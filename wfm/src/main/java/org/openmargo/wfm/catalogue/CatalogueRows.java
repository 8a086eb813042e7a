package org.openmargo.wfm.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * The rows behind the catalogue: table {@code app_version}, primary key {@code (app_id, version)}. No rules; calls
 * made inside a transaction callback join that transaction.
 */
public interface CatalogueRows {

    /** The SHA-256 of a version's bytes; empty when it is not imported. */
    Optional<String> sha256(AppVersion app);

    /** A version's exact bytes; empty when it is not imported. */
    Optional<byte[]> description(AppVersion app);

    /** Inserts a version; fails (a unique violation, which the transaction retries) when it exists. */
    void insert(VersionInfo info, byte[] description);

    /** Every version, ordered by application id and then import time. */
    List<VersionInfo> versions();

    /** One version's information; empty when it is not imported. */
    Optional<VersionInfo> version(AppVersion app);

    /** Deletes a version. */
    Deletion delete(AppVersion app);

    /** The outcome of {@link #delete}. */
    enum Deletion {
        /** The row was deleted. */
        DELETED,
        /** There was no such row. */
        ABSENT,
        /** A row of another table references it (a foreign key): the version is in use; nothing was deleted. */
        IN_USE
    }
}
