package org.openmargo.agent.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * A test-only ustar writer for bundles, good and hostile: regular files under any name (including {@code ../x}) and
 * symbolic links. Not thread safe.
 */
final class TinyTarGz {
    private static final byte REGULAR = '0';
    private static final byte SYMLINK = '2';
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    TinyTarGz file(String name, byte[] content) {
        tar.writeBytes(header(name, REGULAR, content.length, ""));
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    TinyTarGz symlink(String name, String target) {
        tar.writeBytes(header(name, SYMLINK, 0, target));
        return this;
    }

    /** The archive with its two zero end blocks, gzipped. */
    byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(tar.toByteArray());
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] header(String name, byte type, long size, String linkName) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = type;
        put(h, 157, linkName);
        put(h, 257, "ustar\0" + "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] h, int at, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }
}
