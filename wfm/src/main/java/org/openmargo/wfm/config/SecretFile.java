package org.openmargo.wfm.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret the WFM generates once when the operator configured none (the operator token, the CA key passphrase):
 * 32 random bytes as base64url without padding, written with a line feed to a file readable by its owner only (where
 * the file system has POSIX permissions), through a temp file and an atomic rename so a crash never leaves half a
 * secret.
 */
public final class SecretFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /**
     * Generates a secret into {@code file} (its directory is created; an existing file is replaced).
     *
     * @return the secret, as written (without the line feed)
     */
    public static String create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return text;
    }
}
