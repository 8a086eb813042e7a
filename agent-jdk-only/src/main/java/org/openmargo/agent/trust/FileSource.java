package org.openmargo.agent.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An operator-delivered bundle file, read again on every refresh. */
record FileSource(Path file) implements BundleSource {
    private static final long MAX_BYTES = 1 << 20;

    @Override
    public Optional<byte[]> fetch() throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        return Optional.of(Files.readAllBytes(file));
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
