package org.openmargo.spectests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the regular-file entries of a small tar.gz, refusing anything but plain files at the archive root. */
final class TarGz {
    private TarGz() {
    }

    static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512) {
                    throw new IOException("truncated tar header");
                }
                if (allZero(header)) {
                    return out;
                }
                String name = field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                if (type != '0' && type != 0) {
                    throw new IOException("entry " + name + " is not a regular file (type " + type + ")");
                }
                if (name.contains("/") || name.startsWith(".")) {
                    throw new IOException("entry " + name + " is not a plain name at the archive root");
                }
                byte[] data = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                out.put(name, data);
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
