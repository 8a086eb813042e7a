package org.openmargo.agent.json;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Seeded random byte-level mutations for the parsers' fuzz tests: flips, insertions of interesting bytes, deletions,
 * duplicated slices and truncation. Deterministic for a given {@link Random}; not thread-safe.
 */
public final class Mutations {
    private static final byte[] INTERESTING = " \t\n\r\"'\\{}[],:-#&*!|>?%.0123456789eE+uU\u0000".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    private final Random random;

    public Mutations(Random random) {
        this.random = random;
    }

    /** Returns a copy of the seed with one to four random mutations applied. */
    public byte[] mutate(byte[] seed) {
        byte[] data = seed.clone();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            data = mutateOnce(data);
        }
        return data;
    }

    private byte[] mutateOnce(byte[] data) {
        if (data.length == 0) {
            return new byte[] {anyByte()};
        }
        int at = random.nextInt(data.length);
        return switch (random.nextInt(6)) {
            case 0 -> flip(data, at);
            case 1 -> splice(data, at, at, new byte[] {anyByte()});
            case 2 -> splice(data, at, Math.min(data.length, at + 1 + random.nextInt(8)), new byte[0]);
            case 3 -> duplicate(data, at);
            case 4 -> java.util.Arrays.copyOf(data, at);
            default -> splice(data, at, Math.min(data.length, at + 1), new byte[] {anyByte()});
        };
    }

    private byte anyByte() {
        return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
    }

    private byte[] flip(byte[] data, int at) {
        data[at] ^= (byte) (1 << random.nextInt(8));
        return data;
    }

    private byte[] duplicate(byte[] data, int at) {
        int end = Math.min(data.length, at + 1 + random.nextInt(64));
        byte[] slice = java.util.Arrays.copyOfRange(data, at, end);
        return splice(data, end, end, slice);
    }

    private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + insert.length);
        out.write(data, 0, from);
        out.write(insert, 0, insert.length);
        out.write(data, to, data.length - to);
        return out.toByteArray();
    }
}
