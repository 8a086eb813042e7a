package org.openmargo.agent.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a process to its end and keeps a bounded part of it: the first {@code limit} bytes
 * (head) or the last {@code limit} bytes (tail). Reading continues past the limit, so the program never blocks on a
 * full pipe. One thread drains; {@link #text()} may be called from another at any time and sees what was read so far.
 */
final class OutputBuffer {
    private final int limit;
    private final boolean tail;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] ring;
    private long total;

    private OutputBuffer(int limit, boolean tail) {
        this.limit = limit;
        this.tail = tail;
        this.ring = tail ? new byte[limit] : new byte[0];
    }

    static OutputBuffer head(int limit) {
        return new OutputBuffer(limit, false);
    }

    static OutputBuffer tail(int limit) {
        return new OutputBuffer(limit, true);
    }

    /** Reads {@code in} until its end or an I/O error (the pipe closed under us), then closes it. */
    void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // The stream broke while the process was killed; what was read so far stands.
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        if (tail) {
            for (int i = 0; i < n; i++) {
                ring[(int) ((total + i) % limit)] = chunk[i];
            }
        } else {
            head.write(chunk, 0, (int) Math.max(0, Math.min(limit - total, n)));
        }
        total += n;
    }

    /** Returns the kept bytes decoded as UTF-8; a multi-byte character cut at the edge becomes U+FFFD. */
    synchronized String text() {
        if (!tail) {
            return head.toString(StandardCharsets.UTF_8);
        }
        if (total <= limit) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        int start = (int) (total % limit);
        byte[] ordered = new byte[limit];
        System.arraycopy(ring, start, ordered, 0, limit - start);
        System.arraycopy(ring, 0, ordered, limit - start, start);
        return new String(ordered, StandardCharsets.UTF_8);
    }
}
