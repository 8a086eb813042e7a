package org.openmargo.agent.csr;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A minimal DER writer (ITU-T X.690) for the few types a PKCS#10 request needs. Every method returns one complete
 * TLV (tag, definite length, content); constructed values take their already encoded children. Lengths use the
 * short form below 128 and the shortest long form above, as DER requires. Stateless.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int IA5_STRING = 0x16;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {
    }

    /** A TLV with {@code tag} and {@code content}. */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        out.writeBytes(length(content.length));
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The DER length octets of {@code length}: short form below 128, else {@code 0x80 | n} and n big-endian bytes. */
    static byte[] length(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (length >>> (8 * i));
        }
        return out;
    }

    static byte[] sequence(byte[]... children) {
        return tlv(SEQUENCE, concat(children));
    }

    static byte[] set(byte[]... children) {
        return tlv(SET, concat(children));
    }

    /** A context-specific constructed value {@code [tag]} holding {@code children} (IMPLICIT SET/SEQUENCE OF). */
    static byte[] contextConstructed(int tag, byte[]... children) {
        return tlv(0xA0 | checkTag(tag), concat(children));
    }

    /** A context-specific primitive value {@code [tag] IMPLICIT} with {@code content}. */
    static byte[] contextPrimitive(int tag, byte[] content) {
        return tlv(0x80 | checkTag(tag), content);
    }

    /** An INTEGER in the minimal two's complement form. */
    static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] octetString(byte[] content) {
        return tlv(OCTET_STRING, content);
    }

    /** A BIT STRING of whole bytes (zero unused bits). */
    static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(BIT_STRING, content);
    }

    static byte[] utf8String(String text) {
        return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An IA5String.
     *
     * @throws IllegalArgumentException if {@code text} has a character outside US-ASCII
     */
    static byte[] ia5String(String text) {
        return tlv(IA5_STRING, ascii(text));
    }

    /**
     * The US-ASCII bytes of {@code text}, the content of an IA5String (also under an IMPLICIT tag).
     *
     * @throws IllegalArgumentException if {@code text} has a character outside US-ASCII
     */
    static byte[] ascii(String text) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("not an IA5 (US-ASCII) string: " + text);
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * An OBJECT IDENTIFIER from dotted text such as {@code 1.2.840.10045.4.3.2}.
     *
     * @throws IllegalArgumentException if the text is not a valid OID (at least two arcs, first 0-2, second below 40
     *                                  under 0 and 1)
     */
    static byte[] oid(String dotted) {
        String[] text = dotted.split("\\.", -1);
        if (text.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        BigInteger[] arcs = new BigInteger[text.length];
        for (int i = 0; i < text.length; i++) {
            if (!text[i].matches("0|[1-9][0-9]*")) {
                throw new IllegalArgumentException("invalid OID arc '" + text[i] + "' in " + dotted);
            }
            arcs[i] = new BigInteger(text[i]);
        }
        int first = arcs[0].intValueExact();
        if (first > 2 || (first < 2 && arcs[1].compareTo(BigInteger.valueOf(40)) >= 0)) {
            throw new IllegalArgumentException("invalid first arcs in OID " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, arcs[1].add(BigInteger.valueOf(40L * first)));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, arcs[i]);
        }
        return tlv(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, BigInteger arc) {
        int groups = Math.max(1, (arc.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int bits = arc.shiftRight(7 * g).intValue() & 0x7F;
            out.write(g == 0 ? bits : bits | 0x80);
        }
    }

    private static int checkTag(int tag) {
        if (tag < 0 || tag > 30) {
            throw new IllegalArgumentException("context tag must be 0 to 30 (low-tag-number form): " + tag);
        }
        return tag;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
