package org.openmargo.wfm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** The operator credential: the configured one, or a random token generated once and kept owner-readable. */
final class OperatorToken {
    static final String FILE = "operator-token";
    private static final int MIN_LENGTH = 16;

    private OperatorToken() {
    }

    static String resolve(Optional<String> configured, Path dataDir) throws IOException {
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_LENGTH) {
                throw new IOException("wfm.operator.token must be at least " + MIN_LENGTH + " characters long");
            }
            return configured.get();
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.length() >= MIN_LENGTH) {
                return token;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return token;
    }
}
