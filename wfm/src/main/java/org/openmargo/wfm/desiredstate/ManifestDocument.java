package org.openmargo.wfm.desiredstate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Serializes an {@code UnsignedAppStateManifest} (spec a.4) deterministically, following RFC 8785 (JCS): members
 * sorted by UTF-16 code units, no insignificant whitespace, strings escaped the JCS way, integers as plain decimals.
 * The same logical state therefore always yields the same bytes and the same ETag (spec c.4).
 *
 * <p>{@code manifestVersion} is written as an unsigned 64-bit decimal (spec c.5), which JCS itself cannot express
 * above 2^53; every other number is a non-negative size. Used on the write path only; stateless and thread safe.
 */
public final class ManifestDocument {

    private ManifestDocument() {
    }

    /**
     * The exact manifest body.
     *
     * @param manifestVersion the version, read as unsigned 64-bit; must not be 0
     * @param bundle          the bundle; present exactly when {@code entries} is not empty (spec c.6)
     * @param entries         the deployments in any order; written sorted by deployment id
     * @return UTF-8 JSON bytes
     * @throws IllegalArgumentException when the version is 0, the bundle presence does not match the entries, a
     *                                  deployment id repeats, a size is negative or a string is not well-formed UTF-16
     */
    public static byte[] write(long manifestVersion, Optional<BundleRef> bundle, List<ManifestEntry> entries) {
        if (manifestVersion == 0) {
            throw new IllegalArgumentException("manifestVersion must be in [1, 2^64-1]");
        }
        if (bundle.isPresent() == entries.isEmpty()) {
            throw new IllegalArgumentException("bundle must be present exactly when there are deployments");
        }
        StringBuilder out = new StringBuilder(128 + entries.size() * 256);
        out.append("{\"bundle\":");
        bundle.ifPresentOrElse(b -> writeBundle(out, b), () -> out.append("null"));
        out.append(",\"deployments\":[");
        List<ManifestEntry> sorted = sortedUnique(entries);
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeEntry(out, sorted.get(i));
        }
        out.append("],\"manifestVersion\":").append(Long.toUnsignedString(manifestVersion)).append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeBundle(StringBuilder out, BundleRef bundle) {
        out.append("{\"digest\":");
        string(out, bundle.digest().value());
        out.append(",\"mediaType\":");
        string(out, BundleRef.MEDIA_TYPE);
        out.append(",\"sizeBytes\":").append(size(bundle.sizeBytes()));
        out.append(",\"url\":");
        string(out, bundle.url());
        out.append('}');
    }

    private static void writeEntry(StringBuilder out, ManifestEntry entry) {
        out.append("{\"deploymentId\":");
        string(out, entry.deploymentId());
        out.append(",\"digest\":");
        string(out, entry.digest().value());
        out.append(",\"sizeBytes\":").append(size(entry.sizeBytes()));
        out.append(",\"url\":");
        string(out, entry.url());
        out.append('}');
    }

    private static List<ManifestEntry> sortedUnique(List<ManifestEntry> entries) {
        // String.compareTo orders by UTF-16 code units, the order JCS uses for member names.
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ManifestEntry::deploymentId));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).deploymentId().equals(sorted.get(i - 1).deploymentId())) {
                throw new IllegalArgumentException("deployment id listed twice: " + sorted.get(i).deploymentId());
            }
        }
        return sorted;
    }

    private static String size(long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
        return Long.toString(sizeBytes);
    }

    /** A JSON string escaped as RFC 8785 section 3.2.2.2 prescribes (the ECMAScript JSON.stringify rules). */
    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else if (Character.isSurrogate(c)) {
                        i = surrogatePair(out, value, i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int surrogatePair(StringBuilder out, String value, int i) {
        char high = value.charAt(i);
        if (!Character.isHighSurrogate(high) || i + 1 >= value.length()
                || !Character.isLowSurrogate(value.charAt(i + 1))) {
            throw new IllegalArgumentException("string is not well-formed UTF-16 at index " + i);
        }
        out.append(high).append(value.charAt(i + 1));
        return i + 1;
    }
}
