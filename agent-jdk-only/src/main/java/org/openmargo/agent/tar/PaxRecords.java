package org.openmargo.agent.tar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Reads the {@code path} record of a pax extended header ({@code "<len> <key>=<value>\n"} records). Stateless. */
final class PaxRecords {
    private PaxRecords() {
    }

    /** Returns the {@code path} value, or {@code null} if none; other keys are ignored. */
    static String path(byte[] data, long offset) throws TarException {
        String path = null;
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            int length = space < 0 ? -1 : parseLength(data, at, space);
            if (length <= space - at + 1 || at + length > data.length || data[at + length - 1] != '\n') {
                throw new TarException("malformed pax record at offset " + (offset - data.length + at));
            }
            String record = utf8(data, space + 1, at + length - 1 - (space + 1), offset);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new TarException("malformed pax record at offset " + (offset - data.length + at));
            }
            path = record.startsWith("path=") ? record.substring(equals + 1) : path;
            at += length;
        }
        return path;
    }

    private static int parseLength(byte[] data, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            if (data[i] < '0' || data[i] > '9' || value > 100_000) {
                return -1;
            }
            value = value * 10 + data[i] - '0';
        }
        return to > from ? value : -1;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] data, int start, int length, long offset) throws TarException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, start, length)).toString();
        } catch (CharacterCodingException e) {
            throw new TarException("pax record is not UTF-8 at offset " + offset);
        }
    }
}
