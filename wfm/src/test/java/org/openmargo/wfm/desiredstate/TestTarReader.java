package org.openmargo.wfm.desiredstate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A minimal ustar reader for tests: decodes every header field so tests can assert them exactly. */
public final class TestTarReader {

    public record Header(String name, int mode, long uid, long gid, long size, long mtime, long storedChecksum,
                  long computedChecksum, char typeflag, String linkname, String magic, String version,
                  String uname, String gname, String devmajor, String devminor, String prefix,
                  byte[] checksumField) {
    }

    public record Entry(Header header, byte[] data) {
    }

    /** The entries of a tar.gz and the number of zero blocks that follow them. */
    public record Archive(List<Entry> entries, int trailingZeroBlocks, int totalLength) {
    }

    private TestTarReader() {
    }

    public static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Archive read(byte[] gz) {
        byte[] tar = gunzip(gz);
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (pos + 512 <= tar.length && !zero(tar, pos)) {
            Header h = header(Arrays.copyOfRange(tar, pos, pos + 512));
            pos += 512;
            byte[] data = Arrays.copyOfRange(tar, pos, pos + (int) h.size());
            entries.add(new Entry(h, data));
            pos += (int) ((h.size() + 511) / 512 * 512);
        }
        int zeros = 0;
        while (pos + 512 <= tar.length && zero(tar, pos)) {
            zeros++;
            pos += 512;
        }
        if (pos != tar.length) {
            throw new IllegalStateException("trailing bytes after the end blocks at " + pos);
        }
        return new Archive(entries, zeros, tar.length);
    }

    private static Header header(byte[] b) {
        long computed = 0;
        for (int i = 0; i < 512; i++) {
            computed += (i >= 148 && i < 156) ? ' ' : (b[i] & 0xff);
        }
        return new Header(text(b, 0, 100), (int) octal(b, 100, 8), octal(b, 108, 8), octal(b, 116, 8),
                octal(b, 124, 12), octal(b, 136, 12), octal(b, 148, 8), computed, (char) b[156],
                text(b, 157, 100), raw(b, 257, 6), raw(b, 263, 2), text(b, 265, 32), text(b, 297, 32),
                raw(b, 329, 8), raw(b, 337, 8), text(b, 345, 155), Arrays.copyOfRange(b, 148, 156));
    }

    private static boolean zero(byte[] b, int pos) {
        for (int i = pos; i < pos + 512; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    private static String raw(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.US_ASCII);
    }

    private static long octal(byte[] b, int off, int len) {
        String s = text(b, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
