package org.openmargo.agent.tar;

/**
 * Bounds on what a bundle may hold. Reading stops with a {@link TarException} as soon as a bound is crossed, before
 * the offending data is buffered. The gzip expansion is capped at {@link #maxDecompressedBytes()}, so a stream of
 * compressed zeros stops early.
 *
 * @param maxEntries    most regular-file entries
 * @param maxEntryBytes largest size of one entry's content
 * @param maxTotalBytes largest sum of all entries' content sizes
 * @throws IllegalArgumentException if a bound is not positive
 */
public record TarLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    /** Room for headers, padding, pax records and end-of-archive blocks per entry. */
    private static final long OVERHEAD_PER_ENTRY = 6 * 1024;
    /** Room for the end-of-archive blocks and a writer's blocking-factor padding (GNU tar pads to 10 KiB). */
    private static final long ARCHIVE_OVERHEAD = 32 * 1024;

    public TarLimits {
        if (maxEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0) {
            throw new IllegalArgumentException("tar limits must be positive");
        }
    }

    /** 1,000 entries, 1 MiB per entry, 16 MiB in total. */
    public static TarLimits defaults() {
        return new TarLimits(1_000, 1024 * 1024, 16 * 1024 * 1024);
    }

    /** The most bytes the gzip layer may produce: the content bound plus per-entry and per-archive overhead. */
    public long maxDecompressedBytes() {
        return maxTotalBytes + maxEntries * OVERHEAD_PER_ENTRY + ARCHIVE_OVERHEAD;
    }
}
