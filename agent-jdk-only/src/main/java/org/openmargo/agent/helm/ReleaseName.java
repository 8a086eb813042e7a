package org.openmargo.agent.helm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Helm release name of one component: {@code <deployment name>-<component name>-<hash>}, lower-cased, every run
 * of characters outside {@code [a-z0-9]} turned into one {@code -}, the readable part cut so that the whole is at most
 * {@value #MAX_LENGTH} characters (Helm's limit), and {@code m-} put in front if it would not start with a letter
 * (charts name Services after the release, and those must start with a letter).
 *
 * <p>The hash is the first 8 hex digits of SHA-256 over the deployment id and the component name, so names are stable
 * across agent restarts, two deployments never share a release even with equal names, and two components whose
 * readable parts clash (deployment {@code a-b} component {@code c} vs deployment {@code a} component {@code b-c}) still
 * differ.
 */
final class ReleaseName {
    static final int MAX_LENGTH = 53;
    private static final int HASH_LENGTH = 8;

    private ReleaseName() {
    }

    static String of(String deploymentId, String deploymentName, String componentName) {
        String hash = hash(deploymentId + "\n" + componentName);
        String readable = sanitize(deploymentName + "-" + componentName);
        if (readable.isEmpty() || !Character.isLetter(readable.charAt(0))) {
            readable = "m-" + readable;
        }
        int room = MAX_LENGTH - HASH_LENGTH - 1;
        readable = trimDashes(readable.substring(0, Math.min(room, readable.length())));
        return readable + "-" + hash;
    }

    private static String sanitize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (valid) {
                out.append(c);
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        return trimDashes(out.toString());
    }

    private static String trimDashes(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(0, end);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
