package org.openmargo.agent.tar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A cursor over an uncompressed tar stream in the shape of {@link java.util.zip.ZipInputStream}: each {@link #next()}
 * reads one header, validates it and returns the entry's content, read exactly to its declared size.
 *
 * <p>Accepted: POSIX ustar headers (with the prefix field), GNU-magic and pre-POSIX (v7) headers, and pax extended
 * headers ({@code x}) whose {@code path} record names the next entry (other pax records are ignored). Every header's
 * checksum is verified. The archive ends with a zero block; everything after it must be zero bytes.
 *
 * <p>Rejected with a {@link TarException}: any entry type other than a regular file ({@code 0} or NUL), so
 * directories, hard and symbolic links, character and block devices, FIFOs, GNU long names and global pax headers;
 * names that are empty, absolute, contain a {@code ..} segment, a backslash, a NUL or malformed UTF-8; sizes and counts
 * beyond the {@link TarLimits}; a stream ending inside a header, data or padding or before the end-of-archive block;
 * non-zero bytes after the end-of-archive block.
 *
 * <p>Not thread-safe. Closing closes the underlying stream.
 */
public final class TarReader implements Closeable {
    private static final int BLOCK = 512;
    private static final int MAX_PAX_BYTES = 4096;

    private final InputStream in;
    private final TarLimits limits;
    private long offset;
    private int entries;
    private long totalBytes;
    private boolean ended;

    /** Reads tar data from {@code in}, which should already bound its own length (as the gzip layer does). */
    public TarReader(InputStream in, TarLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * Returns the next regular file, or empty once the end-of-archive block and the zero bytes after it were read.
     *
     * @throws TarException if the archive is malformed, unsafe or over a limit
     * @throws IOException  if the underlying stream fails
     */
    public Optional<TarEntry> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        byte[] header = readHeader();
        if (header == null) {
            readTrailingZeros();
            return Optional.empty();
        }
        String paxPath = null;
        if (header[156] == 'x') {
            paxPath = readPaxPath(header);
            header = readHeader();
            if (header == null) {
                throw error("expected a header after the pax header but got the end-of-archive block");
            }
        }
        return Optional.of(readEntry(header, paxPath));
    }

    private TarEntry readEntry(byte[] header, String paxPath) throws IOException {
        long headerOffset = offset - BLOCK;
        checkType(header[156], headerOffset);
        String name = paxPath != null ? paxPath : headerName(header);
        checkName(name, headerOffset);
        long size = octal(header, 124, 12, headerOffset);
        if (++entries > limits.maxEntries()) {
            throw error("more than " + limits.maxEntries() + " entries at offset " + headerOffset);
        }
        if (size > Math.min(limits.maxEntryBytes(), Integer.MAX_VALUE - 8)
                || (totalBytes += size) > limits.maxTotalBytes()) {
            throw error("entry " + name + " of " + size + " bytes exceeds the size limits");
        }
        return new TarEntry(name, readData((int) size));
    }

    private byte[] readHeader() throws IOException {
        byte[] header = new byte[BLOCK];
        int n = readFully(header);
        if (n < BLOCK) {
            throw error(n == 0 ? "archive ends without an end-of-archive block at offset " + offset
                    : "truncated header at offset " + offset);
        }
        offset += BLOCK;
        if (isZero(header, BLOCK)) {
            return null;
        }
        verifyChecksum(header);
        return header;
    }

    private void verifyChecksum(byte[] header) throws TarException {
        long stored = octal(header, 148, 8, offset - BLOCK);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw error("header checksum mismatch at offset " + (offset - BLOCK));
        }
    }

    private byte[] readData(int size) throws IOException {
        byte[] content = new byte[size];
        if (readFully(content) < size) {
            throw error("truncated data at offset " + offset);
        }
        offset += size;
        int padding = (BLOCK - size % BLOCK) % BLOCK;
        if (readFully(new byte[padding]) < padding) {
            throw error("truncated padding at offset " + offset);
        }
        offset += padding;
        return content;
    }

    private String readPaxPath(byte[] header) throws IOException {
        long size = octal(header, 124, 12, offset - BLOCK);
        if (size > MAX_PAX_BYTES) {
            throw error("pax header of " + size + " bytes exceeds " + MAX_PAX_BYTES);
        }
        return PaxRecords.path(readData((int) size), offset);
    }

    private void readTrailingZeros() throws IOException {
        byte[] buffer = new byte[8 * BLOCK];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != 0) {
                    throw error("non-zero data after the end-of-archive block at offset " + (offset + i));
                }
            }
            offset += n;
        }
        ended = true;
    }

    private void checkType(byte type, long headerOffset) throws TarException {
        if (type != '0' && type != 0) {
            String kind = switch (type) {
                case '1' -> "hard link";
                case '2' -> "symbolic link";
                case '3' -> "character device";
                case '4' -> "block device";
                case '5' -> "directory";
                case '6' -> "FIFO";
                default -> "type '" + (char) (type & 0xff) + "'";
            };
            throw error("unsupported entry (" + kind + ") at offset " + headerOffset);
        }
    }

    private String headerName(byte[] header) throws TarException {
        String name = field(header, 0, 100);
        boolean posix = new String(header, 257, 6, StandardCharsets.ISO_8859_1).equals("ustar\0");
        String prefix = posix ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String field(byte[] header, int start, int length) throws TarException {
        int end = start;
        while (end < start + length && header[end] != 0) {
            end++;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw error("entry name is not UTF-8 at offset " + (offset - BLOCK));
        }
    }

    static void checkName(String name, long headerOffset) throws TarException {
        boolean unsafe = name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0;
        for (String segment : name.split("/", -1)) {
            unsafe |= segment.equals("..");
        }
        if (unsafe) {
            throw new TarException("unsafe entry name \"" + name + "\" at offset " + headerOffset);
        }
    }

    private long octal(byte[] header, int start, int length, long headerOffset) throws TarException {
        long value = 0;
        int i = start;
        while (i < start + length && header[i] == ' ') {
            i++;
        }
        int digits = 0;
        for (; i < start + length && header[i] >= '0' && header[i] <= '7'; i++, digits++) {
            value = value * 8 + header[i] - '0';
        }
        boolean terminated = i == start + length || header[i] == 0 || header[i] == ' ';
        if (digits == 0 || digits > 11 || !terminated) {
            throw error("malformed numeric field at offset " + (headerOffset + start));
        }
        return value;
    }

    private int readFully(byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static boolean isZero(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static TarException error(String message) {
        return new TarException(message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
