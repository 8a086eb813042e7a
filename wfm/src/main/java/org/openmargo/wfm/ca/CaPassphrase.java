package org.openmargo.wfm.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.openmargo.wfm.config.SecretFile;

/**
 * The passphrase that encrypts the CA keys at rest: {@code wfm.identity-service.ca-key-passphrase} when set, else a
 * random secret generated once into {@code <data-dir>/pki/ca-key-passphrase} (owner read/write only). With the
 * generated file the database alone does not reveal the keys; whoever holds both the database and the data directory
 * does, so production deployments set the passphrase from a secret store.
 */
public final class CaPassphrase {
    /** The file name of the generated passphrase under {@code <data-dir>/pki}. */
    public static final String FILE = "ca-key-passphrase";

    private CaPassphrase() {
    }

    /**
     * The configured passphrase, or the generated one (created on first call).
     *
     * @throws IOException when the file cannot be read or created
     */
    public static char[] resolve(Optional<String> configured, Path pkiDir) throws IOException {
        if (configured.isPresent()) {
            return configured.get().toCharArray();
        }
        Path file = pkiDir.resolve(FILE);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) {
                throw new IOException(file + " is empty: restore it from a backup, or configure "
                        + "wfm.identity-service.ca-key-passphrase with the passphrase the CA keys were created with");
            }
            return text.toCharArray();
        }
        return SecretFile.create(file).toCharArray();
    }
}
