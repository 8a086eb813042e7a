package org.openmargo.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary directory with the files a valid configuration points at, and a minimal valid file. */
record ConfigFixture(Path dir) {
    static final String MINIMAL = """
            wfm.url = https://wfm.example.com
            trust.bundle = bundle.json
            identity.certificate = svid.pem
            identity.private-key = svid-key.pem
            runtime = compose
            device.id = edge-01
            device.vendor = Acme
            device.model = M1
            device.serial = S-1
            """;

    static ConfigFixture in(Path dir) {
        try {
            for (String name : new String[] {"bundle.json", "svid.pem", "svid-key.pem"}) {
                Files.writeString(dir.resolve(name), name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigFixture(dir);
    }

    /** Writes {@code text} to {@code agent.conf} in the fixture directory. */
    Path write(String text) {
        try {
            return Files.writeString(dir.resolve("agent.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
