package org.openmargo.wfm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void create_inAMissingDirectory_writes32RandomBytesOwnerOnlyWithoutATempFile() throws Exception {
        Path file = dir.resolve("pki/ca-key-passphrase");

        String secret = SecretFile.create(file);

        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file)).isEqualTo(secret + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var names = Files.list(file.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("ca-key-passphrase");
        }
    }

    @Test
    void create_twice_replacesTheSecretWithANewOne() throws Exception {
        Path file = dir.resolve("operator-token");

        String first = SecretFile.create(file);
        String second = SecretFile.create(file);

        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(file)).isEqualTo(second + "\n");
    }
}
