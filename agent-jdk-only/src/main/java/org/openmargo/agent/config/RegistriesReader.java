package org.openmargo.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.openmargo.agent.oci.Credentials;
import org.openmargo.agent.oci.DockerConfigFile;

/**
 * Reads the {@code oci.*} keys into {@link Runtimes.Registries}. The Docker config file is read here, so a broken
 * one is a configuration error at start (with the file named), not a failed deployment later. Credentials from
 * {@code oci.credentials} win over the Docker config file's for the same registry. Problems never quote a password.
 */
final class RegistriesReader {
    private static final Pattern REGISTRY = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");

    private final ValueReader reader;

    RegistriesReader(ValueReader reader) {
        this.reader = reader;
    }

    Optional<Runtimes.Registries> registries() {
        Optional<List<String>> insecure = reader.readList(ConfigKey.OCI_INSECURE_REGISTRIES, RegistriesReader::registry,
                "a registry host or host:port such as registry.local:5000");
        Optional<Map<String, Credentials>> configured = credentials();
        boolean dockerConfigSet = reader.text(ConfigKey.OCI_DOCKER_CONFIG).isPresent();
        Optional<Path> dockerConfig = dockerConfigSet ? reader.file(ConfigKey.OCI_DOCKER_CONFIG) : Optional.empty();
        Optional<Map<String, Credentials>> fromFile = dockerConfig.isPresent() ? dockerCredentials(dockerConfig.get())
                : Optional.of(Map.of());
        if (insecure.isEmpty() || configured.isEmpty() || dockerConfigSet && dockerConfig.isEmpty()
                || fromFile.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Credentials> credentials = new LinkedHashMap<>(fromFile.get());
        credentials.putAll(configured.get());
        return Optional.of(new Runtimes.Registries(insecure.get(), credentials, dockerConfig));
    }

    /** {@code registry=user:password, …}; a bad entry is reported by position, never by its text. */
    private Optional<Map<String, Credentials>> credentials() {
        Optional<String> text = reader.text(ConfigKey.OCI_CREDENTIALS);
        if (text.isEmpty()) {
            return Optional.of(Map.of());
        }
        Map<String, Credentials> credentials = new LinkedHashMap<>();
        String[] entries = text.get().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':', eq + 1);
            if (eq <= 0 || colon < 0 || colon == eq + 1 || !REGISTRY.matcher(entry.substring(0, eq)).matches()) {
                reader.problem(ConfigKey.OCI_CREDENTIALS, "entry " + (i + 1) + " is not registry=user:password"
                        + " (registry as host or host:port, lower-case; value not shown)");
                return Optional.empty();
            }
            credentials.put(entry.substring(0, eq), new Credentials(entry.substring(eq + 1, colon),
                    entry.substring(colon + 1)));
        }
        return Optional.of(credentials);
    }

    private Optional<Map<String, Credentials>> dockerCredentials(Path file) {
        try {
            return Optional.of(DockerConfigFile.read(file));
        } catch (IOException e) {
            reader.problem(ConfigKey.OCI_DOCKER_CONFIG, "cannot use the Docker config file: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String registry(String value) {
        if (!REGISTRY.matcher(value).matches()) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }
}
