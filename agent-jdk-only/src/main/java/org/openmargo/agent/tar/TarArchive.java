package org.openmargo.agent.tar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Margo bundle ({@code application/vnd.margo.bundle.v1+tar+gzip}, digest c.6) held in memory.
 * Stateless and thread-safe.
 */
public final class TarArchive {
    private TarArchive() {
    }

    /**
     * Returns every regular file of a gzip-compressed tar, in archive order, after validating the whole archive as
     * {@link TarReader} describes. The gzip layer must be exactly one member with a matching CRC-32 and length and
     * nothing after it; its output is capped at {@link TarLimits#maxDecompressedBytes()}.
     *
     * @throws TarException if the archive is malformed, unsafe or over a limit; nothing is returned partially
     */
    public static List<TarEntry> readGzip(byte[] archive, TarLimits limits) throws TarException {
        List<TarEntry> entries = new ArrayList<>();
        try (TarReader reader = new TarReader(new GzipMemberStream(archive, limits.maxDecompressedBytes()), limits)) {
            Optional<TarEntry> entry;
            while ((entry = reader.next()).isPresent()) {
                entries.add(entry.get());
            }
        } catch (TarException e) {
            throw e;
        } catch (IOException e) {
            throw new TarException("cannot read the archive", e);
        }
        return List.copyOf(entries);
    }
}
