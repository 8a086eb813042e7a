package org.openmargo.agent.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A {@code sha256:<64 lower-case hex>} content digest (OCI image spec, "Digests"). Other algorithms are refused: the
 * agent could not verify them.
 *
 * @param hex the 64 lower-case hex digits
 */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not 64 lower-case hex digits");
        }
    }

    /**
     * Reads {@code sha256:<hex>}.
     *
     * @throws IllegalArgumentException for any other algorithm or form
     */
    public static Digest parse(String text) {
        if (!text.startsWith("sha256:")) {
            throw new IllegalArgumentException("not a sha256 digest: " + shorten(text));
        }
        try {
            return new Digest(text.substring("sha256:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a sha256 digest: " + shorten(text), e);
        }
    }

    /** The digest of {@code content}. */
    public static Digest of(byte[] content) {
        try {
            return new Digest(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code content} has this digest. */
    public boolean matches(byte[] content) {
        return MessageDigest.isEqual(of(content).hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
