package org.openmargo.wfm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.openmargo.wfm.config.SecretFile;

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
        return SecretFile.create(file);
    }
}
