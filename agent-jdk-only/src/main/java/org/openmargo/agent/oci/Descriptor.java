package org.openmargo.agent.oci;

import java.util.Objects;

/**
 * A content descriptor of a manifest (OCI image spec, "Descriptors"): what a blob is, its digest and its size.
 *
 * @param mediaType the blob's media type
 * @param digest    its sha256 digest
 * @param size      its size in bytes, not negative
 */
public record Descriptor(String mediaType, Digest digest, long size) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
