package org.openmargo.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the {@code helm.*}, {@code compose.*} and {@code simulated.*} keys into {@link Runtimes}. */
final class RuntimesReader {
    private final ValueReader reader;
    private final Path baseDir;

    RuntimesReader(ValueReader reader, Path baseDir) {
        this.reader = reader;
        this.baseDir = baseDir;
    }

    /** The settings, or empty after recording every problem. */
    Optional<Runtimes> runtimes() {
        Optional<Runtimes.Helm> helm = helm();
        Optional<Runtimes.Compose> compose = compose();
        Optional<Runtimes.Simulated> simulated = simulated();
        if (helm.isEmpty() || compose.isEmpty() || simulated.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Runtimes(helm.get(), compose.get(), simulated.get()));
    }

    private Optional<Runtimes.Helm> helm() {
        requireSet(ConfigKey.HELM_BINARY);
        Optional<Path> binary = reader.read(ConfigKey.HELM_BINARY, this::executable,
                "a command name such as helm or the path of an executable file");
        boolean kubeconfigSet = reader.text(ConfigKey.HELM_KUBECONFIG).isPresent();
        Optional<Path> kubeconfig = kubeconfigSet ? reader.file(ConfigKey.HELM_KUBECONFIG) : Optional.empty();
        Optional<List<String>> flags = reader.readList(ConfigKey.HELM_EXTRA_FLAGS, RuntimesReader::flag,
                "a flag such as --kube-context=edge (a leading -, no spaces)");
        Optional<Duration> timeout = reader.duration(ConfigKey.HELM_DEFAULT_TIMEOUT, Duration.ofSeconds(1),
                Duration.ofHours(1));
        if (binary.isEmpty() || kubeconfigSet && kubeconfig.isEmpty() || flags.isEmpty() || timeout.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Runtimes.Helm(binary.get(), kubeconfig, flags.get(), timeout.get()));
    }

    private Optional<Runtimes.Compose> compose() {
        requireSet(ConfigKey.COMPOSE_COMMAND);
        Optional<List<String>> command = reader.read(ConfigKey.COMPOSE_COMMAND,
                value -> value.strip().equals("auto") ? List.of() : Arrays.asList(value.strip().split("\\s+")),
                "auto or a command line such as docker compose");
        Optional<Boolean> removeVolumes = reader.bool(ConfigKey.COMPOSE_REMOVE_VOLUMES);
        Optional<Runtimes.Registries> registries = new RegistriesReader(reader).registries();
        if (command.isEmpty() || removeVolumes.isEmpty() || registries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Runtimes.Compose(command.get(), removeVolumes.get(), registries.get()));
    }

    private Optional<Runtimes.Simulated> simulated() {
        Optional<Duration> step = reader.duration(ConfigKey.SIMULATED_STEP_TIME, Duration.ZERO, Duration.ofMinutes(1));
        Optional<Double> rate = reader.decimal(ConfigKey.SIMULATED_FAILURE_RATE, 0.0, 1.0);
        if (step.isEmpty() || rate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Runtimes.Simulated(step.get(), rate.get()));
    }

    /** Keys with a default that an empty value must not silently turn off. */
    private void requireSet(ConfigKey key) {
        if (reader.text(key).isEmpty()) {
            reader.problem(key, "expected a value but it is empty (remove the line for the default "
                    + key.defaultValue() + ")");
        }
    }

    /** A bare name stays as written (found through {@code PATH} when run); a path must name an executable file. */
    private Path executable(String value) {
        if (value.indexOf('/') < 0) {
            return Path.of(value);
        }
        Path path = baseDir.resolve(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalArgumentException(value);
        }
        return path;
    }

    private static String flag(String value) {
        if (!value.startsWith("-") || value.length() < 2 || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }
}
