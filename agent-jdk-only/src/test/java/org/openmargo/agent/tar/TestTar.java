package org.openmargo.agent.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** A test-only ustar writer: enough to build valid and deliberately broken bundles. Not thread-safe. */
final class TestTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestTar file(String name, String content) {
        return entry(name, (byte) '0', content.getBytes(StandardCharsets.UTF_8));
    }

    TestTar entry(String name, byte type, byte[] content) {
        out.writeBytes(header(name, type, content.length));
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    TestTar paxPath(String path) {
        String record = " path=" + path + "\n";
        int length = record.length() + String.valueOf(record.length()).length();
        if (String.valueOf(length).length() > String.valueOf(record.length()).length()) {
            length++;
        }
        return entry("PaxHeaders/x", (byte) 'x', (length + record).getBytes(StandardCharsets.UTF_8));
    }

    TestTar raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    TestTar end() {
        out.writeBytes(new byte[1024]);
        return this;
    }

    byte[] tar() {
        return out.toByteArray();
    }

    byte[] gzip() {
        return gzip(tar());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] header(String name, byte type, long size) {
        byte[] h = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, h, 0, Math.min(100, nameBytes.length));
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = type;
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
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }
}
