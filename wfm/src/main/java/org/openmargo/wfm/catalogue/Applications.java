package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The application catalogue as operators manage it: import, list, show and delete ApplicationDescription versions
 * (issue 13, Margo rc.3 f.2). Versions are immutable. Implementations are thread safe; changes join the transaction
 * running on the calling thread (so an audit entry and the change commit together).
 */
public interface Applications {

    /**
     * Validates a description without storing it.
     *
     * @return the version it describes
     * @throws org.openmargo.wfm.problem.ProblemException as {@link #importDescription} for invalid bytes
     */
    AppVersion validate(byte[] yaml);

    /**
     * Imports a description. Importing the same bytes again is harmless.
     *
     * @param yaml     the description as uploaded; stored byte for byte
     * @param operator who imports it
     * @return the version and whether this call created it
     * @throws org.openmargo.wfm.problem.ProblemException {@code INVALID_REQUEST} when the bytes are not an acceptable
     *         YAML mapping; {@code SEMANTIC_ERROR} listing every broken f.2 rule; {@code CONFLICT} when this
     *         version was imported with other bytes
     */
    Imported importDescription(byte[] yaml, String operator);

    /** Every imported version, ordered by application id, then import time. */
    List<VersionInfo> versions();

    /** One version: its information and its profiles, parameters and configuration as JSON; empty when absent. */
    Optional<Shown> show(AppVersion app);

    /** A version's exact bytes; empty when absent. */
    Optional<byte[]> descriptionBytes(AppVersion app);

    /**
     * Deletes a version.
     *
     * @throws org.openmargo.wfm.problem.ProblemException {@code NOT_FOUND} when absent; {@code CONFLICT} while a
     *         deployment or rollout uses it
     */
    void delete(AppVersion app);

    /**
     * @param info    the version
     * @param created whether the import stored it ({@code false}: the same bytes were already there)
     */
    record Imported(VersionInfo info, boolean created) {
    }

    /**
     * A version as operators see it.
     *
     * @param info          the version
     * @param profiles      the {@code deploymentProfiles} array as written
     * @param parameters    the {@code parameters} object as written ({@code {}} when absent)
     * @param configuration the {@code configuration} object as written ({@code null} when absent)
     */
    record Shown(VersionInfo info, JsonValue profiles, JsonValue parameters, JsonValue configuration) {
    }
}
