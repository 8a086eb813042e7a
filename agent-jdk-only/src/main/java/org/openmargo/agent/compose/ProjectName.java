package org.openmargo.agent.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.openmargo.agent.runtime.DeploymentSpec;

/**
 * The Compose project of a deployment: {@code <name>-<hash>}, where {@code name} is {@code metadata.name} lower-cased
 * with every character outside {@code [a-z0-9_-]} turned into {@code -} (at most {@value #MAX_NAME} characters) and
 * {@code hash} is the first 8 hex digits of SHA-256 over the deployment id. The result matches Compose's rule
 * {@code ^[a-z0-9][a-z0-9_-]*$}, is readable in {@code docker compose ls}, and stays the same across updates (the
 * id does not change), while two deployments that share a name still get different projects.
 */
final class ProjectName {
    static final int MAX_NAME = 40;

    private ProjectName() {
    }

    static String of(DeploymentSpec deployment) {
        String name = deployment.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-")
                .replaceFirst("^[^a-z0-9]+", "");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return (name.isEmpty() ? "margo" : name) + "-" + hash(deployment.id());
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
