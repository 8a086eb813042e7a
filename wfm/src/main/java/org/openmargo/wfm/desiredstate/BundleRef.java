package org.openmargo.wfm.desiredstate;

/**
 * The {@code bundle} member of a non-empty State Manifest.
 *
 * @param digest    digest of the exact tar.gz bytes served at {@link #url()}
 * @param sizeBytes length of the archive in bytes (advisory for clients)
 */
public record BundleRef(Digest digest, long sizeBytes) {
    /** The only bundle media type of rc.3. */
    public static final String MEDIA_TYPE = "application/vnd.margo.bundle.v1+tar+gzip";

    /** The relative URL a client fetches the bundle from (spec a.4). */
    public String url() {
        return "/api/v1/bundles/" + digest.value();
    }
}
