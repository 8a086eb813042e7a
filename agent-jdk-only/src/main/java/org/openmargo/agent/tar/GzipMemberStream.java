package org.openmargo.agent.tar;

import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses exactly one RFC 1952 gzip member held in memory, verifying its CRC-32 and length trailer, rejecting
 * truncation and any byte after the trailer, and failing once the output passes a cap. The JDK's GZIPInputStream
 * silently ignores trailing garbage, hence this class. Not thread-safe.
 */
final class GzipMemberStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final byte[] data;
    private final long maxOutput;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long produced;
    private boolean ended;

    GzipMemberStream(byte[] data, long maxOutput) throws TarException {
        this.data = data;
        this.maxOutput = maxOutput;
        int offset = headerLength();
        inflater.setInput(data, offset, data.length - offset);
    }

    private int headerLength() throws TarException {
        if (data.length < 10 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
            throw new TarException("not a gzip stream");
        }
        int flags = data[3] & 0xff;
        if (data[2] != 8 || (flags & RESERVED) != 0) {
            throw new TarException("unsupported gzip method or flags");
        }
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            at = require(at + 2) + (data[at] & 0xff | (data[at + 1] & 0xff) << 8);
        }
        at = (flags & FNAME) != 0 ? skipZeroTerminated(at) : at;
        at = (flags & FCOMMENT) != 0 ? skipZeroTerminated(at) : at;
        at = (flags & FHCRC) != 0 ? at + 2 : at;
        return require(at);
    }

    private int skipZeroTerminated(int at) throws TarException {
        while (require(at + 1) > 0 && data[at] != 0) {
            at++;
        }
        return at + 1;
    }

    private int require(int end) throws TarException {
        if (end > data.length) {
            throw new TarException("truncated gzip header");
        }
        return end;
    }

    @Override
    public int read() throws TarException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws TarException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = inflate(b, off, len);
        if (n < 0) {
            verifyTrailer();
            ended = true;
            return -1;
        }
        produced += n;
        if (produced > maxOutput) {
            throw new TarException("gzip stream expands beyond " + maxOutput + " bytes");
        }
        crc.update(b, off, n);
        return n;
    }

    private int inflate(byte[] b, int off, int len) throws TarException {
        try {
            int n;
            while ((n = inflater.inflate(b, off, len)) == 0) {
                if (inflater.finished()) {
                    return -1;
                }
                if (inflater.needsInput() || inflater.needsDictionary()) {
                    throw new TarException("truncated gzip stream");
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new TarException("corrupt gzip data", e);
        }
    }

    private void verifyTrailer() throws TarException {
        int remaining = inflater.getRemaining();
        if (remaining < 8) {
            throw new TarException("truncated gzip trailer");
        }
        if (remaining > 8) {
            throw new TarException("unexpected data after the gzip stream");
        }
        int at = data.length - 8;
        if (littleEndian(at) != crc.getValue() || littleEndian(at + 4) != (produced & 0xffffffffL)) {
            throw new TarException("gzip trailer does not match the data");
        }
    }

    private long littleEndian(int at) {
        return (data[at] & 0xffL) | (data[at + 1] & 0xffL) << 8 | (data[at + 2] & 0xffL) << 16
                | (data[at + 3] & 0xffL) << 24;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
