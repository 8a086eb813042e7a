package org.openmargo.wfm.catalogue;

import java.time.Instant;

/**
 * What the catalogue keeps about one imported version besides its bytes.
 *
 * @param app        the application id and version
 * @param name       {@code metadata.name}
 * @param sha256     SHA-256 of the description bytes, 64 lower-case hex digits
 * @param sizeBytes  length of the description bytes
 * @param importedAt when it was imported
 * @param importedBy the operator who imported it
 */
public record VersionInfo(AppVersion app, String name, String sha256, long sizeBytes, Instant importedAt,
                          String importedBy) {
}
