package org.openmargo.wfm.desiredstate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest in the Margo "Digest Specification" form {@code sha256:<64 lowercase hex>} (spec c.2).
 * The same string appears in JSON fields, URL path segments and (quoted) ETags.
 *
 * @param value the canonical digest string
 */
public record Digest(String value) {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    public Digest {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: expected sha256:<64 lowercase hex>");
        }
    }

    /** Parses a digest string; empty when it is not exactly {@code sha256:<64 lowercase hex>}. */
    public static Optional<Digest> parse(String text) {
        return text != null && SHA256.matcher(text).matches() ? Optional.of(new Digest(text)) : Optional.empty();
    }

    /** The SHA-256 digest of exactly these bytes (the Exact Bytes Rule, spec c.3). */
    public static Digest sha256(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Digest("sha256:" + HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** The strong ETag form of this digest: the digest in double quotes. */
    public String etag() {
        return '"' + value + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}
