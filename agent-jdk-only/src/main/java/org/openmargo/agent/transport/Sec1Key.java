package org.openmargo.agent.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;

/**
 * An EC private key in the SEC1 form that OpenSSL writes as {@code EC PRIVATE KEY} (RFC 5915):
 * {@code SEQUENCE { INTEGER 1, OCTET STRING privateKey, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}. Only the
 * version and the private scalar are read; the curve is the leaf certificate's, and the caller's signature check
 * ({@link PemKeys#requireMatch}) proves the key belongs to that leaf, so the optional fields add nothing.
 */
final class Sec1Key {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;

    private final byte[] der;
    private int at;

    private Sec1Key(byte[] der) {
        this.der = der;
    }

    /**
     * The key in {@code der} on the curve of {@code leafKey}.
     *
     * @throws IllegalArgumentException if {@code der} is not a SEC1 version 1 key or the leaf's key is not EC
     */
    static PrivateKey parse(byte[] der, PublicKey leafKey) throws GeneralSecurityException {
        if (!(leafKey instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException("an 'EC PRIVATE KEY' block, but the leaf certificate's key is "
                    + leafKey.getAlgorithm());
        }
        Sec1Key reader = new Sec1Key(der);
        int end = reader.header(SEQUENCE, "SEQUENCE");
        if (end != der.length) {
            throw error("the SEQUENCE does not span the whole key");
        }
        byte[] version = reader.content(reader.header(INTEGER, "INTEGER (version)"));
        if (version.length != 1 || version[0] != 1) {
            throw error("version is not 1");
        }
        byte[] scalar = reader.content(reader.header(OCTET_STRING, "OCTET STRING (private key)"));
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar),
                ec.getParams()));
    }

    /** Reads a tag and a length; returns the offset just after the content. */
    private int header(int tag, String expected) {
        if (at >= der.length || (der[at] & 0xFF) != tag) {
            throw error("expected " + expected + " at offset " + at);
        }
        at++;
        int first = next();
        int length = first;
        if (first > 0x7F) {
            int octets = first & 0x7F;
            if (octets == 0 || octets > 3) {
                throw error("unsupported length at offset " + (at - 1));
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | next();
            }
        }
        if (length > der.length - at) {
            throw error("truncated at offset " + at);
        }
        return at + length;
    }

    private byte[] content(int end) {
        byte[] out = java.util.Arrays.copyOfRange(der, at, end);
        at = end;
        return out;
    }

    private int next() {
        if (at >= der.length) {
            throw error("truncated at offset " + at);
        }
        return der[at++] & 0xFF;
    }

    private static IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("not a SEC1 'EC PRIVATE KEY': " + problem);
    }
}
