package org.openmargo.wfm.desiredstate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bundle of spec c.6: a gzip-compressed ustar archive holding one {@code <deploymentId>.yaml} regular file
 * per deployment at the archive root, each byte-identical to the deployment's YAML so its SHA-256 equals the manifest
 * digest.
 *
 * <p>The archive is deterministic, so the same set of deployments always yields the same bundle digest: entries sorted
 * by name, mode 0644, uid and gid 0, empty owner names, mtime 0, and a gzip header with mtime 0 and no file name.
 * {@link GZIPOutputStream} writes such a header and compresses the same input to the same bytes on a given JDK.
 * Stateless and thread safe.
 */
public final class BundleArchive {
    /** Length of a tar header and the unit tar pads file data to. */
    static final int BLOCK = 512;
    /** The ustar {@code name} field; names are written without the {@code prefix} split, which needs a '/'. */
    static final int NAME_LENGTH = 100;
    /** Largest size the 11 octal digits of the ustar {@code size} field hold. */
    static final long MAX_SIZE = 077777777777L;

    private BundleArchive() {
    }

    /**
     * One YAML of the bundle.
     *
     * @param deploymentId the deployment id; the entry is named {@code <deploymentId>.yaml}
     * @param yaml         the exact YAML bytes
     */
    public record Entry(String deploymentId, byte[] yaml) {
        /** The file name inside the archive. */
        public String fileName() {
            return deploymentId + ".yaml";
        }
    }

    /**
     * The exact tar.gz bytes of a bundle.
     *
     * @param entries the YAMLs in any order
     * @throws IllegalArgumentException when there are no entries (an empty bundle is never served, spec c.6), a
     *                                  deployment id repeats, or a file name is not printable ASCII without '/' or
     *                                  longer than {@value #NAME_LENGTH} bytes
     */
    public static byte[] build(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a bundle holds at least one deployment");
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::fileName));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(estimate(sorted));
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            String previous = null;
            for (Entry entry : sorted) {
                if (entry.fileName().equals(previous)) {
                    throw new IllegalArgumentException("deployment listed twice: " + entry.deploymentId());
                }
                previous = entry.fileName();
                gzip.write(header(entry.fileName(), entry.yaml().length));
                gzip.write(entry.yaml());
                gzip.write(new byte[padding(entry.yaml().length)]);
            }
            gzip.write(new byte[2 * BLOCK]);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    /** The 512-byte ustar header of a regular file. */
    static byte[] header(String name, long size) {
        byte[] nameBytes = checkedName(name);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("entry too large for a ustar header: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = '0';
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        // The checksum is computed with its own field read as eight spaces, then written as six digits, NUL, space.
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    private static byte[] checkedName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '/' || c == '\\') {
                throw new IllegalArgumentException("bundle entry name must be printable ASCII without '/': " + name);
            }
        }
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > NAME_LENGTH) {
            throw new IllegalArgumentException("bundle entry name longer than " + NAME_LENGTH + " bytes: " + name);
        }
        return bytes;
    }

    /** Writes {@code value} as zero-padded octal digits filling {@code length - 1} bytes, then a NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        for (int i = 0; i < width; i++) {
            int from = digits.length() - width + i;
            h[offset + i] = (byte) (from < 0 ? '0' : digits.charAt(from));
        }
        h[offset + width] = 0;
    }

    private static void ascii(byte[] h, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }

    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private static int estimate(List<Entry> entries) {
        long total = 2L * BLOCK;
        for (Entry e : entries) {
            total += BLOCK + e.yaml().length;
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, total / 4 + 64);
    }
}
