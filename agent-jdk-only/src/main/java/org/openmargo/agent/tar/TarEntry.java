package org.openmargo.agent.tar;

import java.util.Objects;

/**
 * One regular file of a bundle. The name is a label as found in the archive (validated as described in
 * {@link TarReader}); the agent matches entries by the digest of their content (digest c.6), never by name.
 *
 * @param name    the entry's path inside the archive
 * @param content the file's bytes; the array is not copied, so callers must not modify it
 */
public record TarEntry(String name, byte[] content) {
    public TarEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
