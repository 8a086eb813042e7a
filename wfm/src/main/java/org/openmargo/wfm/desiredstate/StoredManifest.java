package org.openmargo.wfm.desiredstate;

/**
 * The State Manifest of one client exactly as it is served.
 *
 * @param version manifest version (unsigned 64-bit, at least 1)
 * @param body    the exact serialized JSON body; never modified after creation
 * @param etag    the strong ETag of {@code body}: {@code "sha256:<hex>"} with the quotes
 */
public record StoredManifest(long version, byte[] body, String etag) {
    /** A manifest whose ETag is computed from its body. */
    public static StoredManifest of(long version, byte[] body) {
        return new StoredManifest(version, body, Digest.sha256(body).etag());
    }
}
