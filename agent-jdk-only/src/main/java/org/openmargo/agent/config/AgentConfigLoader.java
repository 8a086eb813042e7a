package org.openmargo.agent.config;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.openmargo.agent.config.AgentConfig.Device;
import org.openmargo.agent.config.AgentConfig.Identity;
import org.openmargo.agent.config.AgentConfig.Peripheral;
import org.openmargo.agent.config.AgentConfig.RuntimeKind;
import org.openmargo.agent.config.AgentConfig.Trust;
import org.openmargo.agent.schedule.ScheduleSettings;

/**
 * Reads and validates the agent configuration file (UTF-8, format in {@link ConfigSource}, keys in
 * {@code agent.conf.example}). Environment variables {@code MARGO_AGENT_<KEY>} (key upper-cased, {@code .} and
 * {@code -} as {@code _}, for example {@code MARGO_AGENT_POLL_RATE}) override file values; any other
 * {@code MARGO_AGENT_} variable is an error. Labels can only be set in the file. Stateless and thread-safe.
 */
public final class AgentConfigLoader {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");
    private static final Pattern PIN = Pattern.compile("sha256:([0-9a-fA-F]{64})");
    private static final Set<String> PERIPHERAL_TYPES = Set.of("gpu", "display", "camera", "microphone", "speaker");

    private AgentConfigLoader() {
    }

    /**
     * Loads {@code file} with {@code environment} overrides.
     *
     * @throws ConfigException listing every problem found (unreadable file, syntax, unknown keys, bad values,
     *                         missing required keys, contradicting keys)
     */
    public static AgentConfig load(Path file, Map<String, String> environment) {
        return parse(file, read(file), environment, false);
    }

    /**
     * As {@link #load}, for the commands that create the agent's identity ({@code enroll}, {@code csr},
     * {@code import-svid}): the files named by {@code identity.certificate} and {@code identity.private-key} need not
     * exist yet (but must be file paths). Every other rule is the same; {@code run} never uses this mode.
     *
     * @throws ConfigException listing every problem found
     */
    public static AgentConfig loadForEnrollment(Path file, Map<String, String> environment) {
        return parse(file, read(file), environment, true);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read the configuration: " + e));
        }
    }

    /** Parses {@code content} as if read from {@code file}; relative paths resolve against the file's directory. */
    static AgentConfig parse(Path file, byte[] content, Map<String, String> environment) {
        return parse(file, content, environment, false);
    }

    private static AgentConfig parse(Path file, byte[] content, Map<String, String> environment,
                                     boolean identityMayBeMissing) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": expected UTF-8 text but got " + e.getMessage()));
        }
        ConfigSource source = ConfigSource.resolve(file.toString(), text, environment);
        Path parent = file.toAbsolutePath().getParent();
        Path baseDir = parent == null ? Path.of("") : parent;
        ValueReader reader = new ValueReader(source, baseDir);
        Optional<AgentConfig> config = assemble(source, reader, new RuntimesReader(reader, baseDir),
                identityMayBeMissing);
        if (!source.problems().isEmpty() || config.isEmpty()) {
            throw new ConfigException(source.problems());
        }
        return config.get();
    }

    private static Optional<AgentConfig> assemble(ConfigSource source, ValueReader reader, RuntimesReader runtimes,
                                                  boolean identityMayBeMissing) {
        Optional<URI> wfm = reader.httpsUrl(ConfigKey.WFM_URL);
        Optional<Trust> trust = trust(reader);
        Optional<Path> certificate = identityMayBeMissing ? reader.futureFile(ConfigKey.IDENTITY_CERTIFICATE)
                : reader.file(ConfigKey.IDENTITY_CERTIFICATE);
        Optional<Path> key = identityMayBeMissing ? reader.futureFile(ConfigKey.IDENTITY_PRIVATE_KEY)
                : reader.file(ConfigKey.IDENTITY_PRIVATE_KEY);
        Optional<Path> stateDir = reader.directory(ConfigKey.STATE_DIR);
        Optional<RuntimeKind> runtime = reader.oneOf(ConfigKey.RUNTIME, Set.of("helm", "compose", "simulated"))
                .map(value -> RuntimeKind.valueOf(value.toUpperCase(Locale.ROOT)));
        Optional<Runtimes> runtimeSettings = runtimes.runtimes();
        ScheduleReader schedule = new ScheduleReader(reader);
        Optional<ScheduleSettings> settings = schedule.settings();
        Optional<Duration> statusInterval = schedule.statusInterval();
        Optional<Device> device = device(source, reader, runtime.orElse(RuntimeKind.SIMULATED));
        Optional<Optional<Path>> metrics = metricsTextfile(reader);
        if (wfm.isEmpty() || trust.isEmpty() || certificate.isEmpty() || key.isEmpty() || stateDir.isEmpty()
                || runtime.isEmpty() || runtimeSettings.isEmpty() || settings.isEmpty() || statusInterval.isEmpty()
                || device.isEmpty() || metrics.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AgentConfig(wfm.get(), trust.get(), new Identity(certificate.get(), key.get()),
                stateDir.get(), runtime.get(), runtimeSettings.get(), settings.get(), statusInterval.get(),
                device.get(), metrics.get()));
    }

    /**
     * {@code metrics.textfile}: unset, or a file path ending in {@code .prom} (node_exporter's textfile collector
     * reads nothing else) that is a regular file if it exists; its directory is created at the first write if
     * missing. Empty when the value is bad (a problem is recorded).
     */
    private static Optional<Optional<Path>> metricsTextfile(ValueReader reader) {
        if (reader.text(ConfigKey.METRICS_TEXTFILE).isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Optional<Path> file = reader.futureFile(ConfigKey.METRICS_TEXTFILE);
        if (file.isPresent() && (file.get().getFileName() == null
                || !file.get().getFileName().toString().endsWith(".prom"))) {
            reader.problem(ConfigKey.METRICS_TEXTFILE, "expected a file name ending in .prom (node_exporter's"
                    + " textfile collector reads only *.prom) but got " + file.get().getFileName());
            return Optional.empty();
        }
        return file.map(Optional::of);
    }

    private static Optional<Trust> trust(ValueReader reader) {
        Optional<Path> bundle = reader.file(ConfigKey.TRUST_BUNDLE);
        Optional<URI> discovery = reader.httpsUrl(ConfigKey.TRUST_DISCOVERY_URL);
        Optional<List<String>> pins = reader.readList(ConfigKey.TRUST_PINS, AgentConfigLoader::pin,
                "a pin sha256:<64 hex digits>");
        boolean discoveryUnset = reader.text(ConfigKey.TRUST_DISCOVERY_URL).isEmpty();
        boolean bundleUnset = reader.text(ConfigKey.TRUST_BUNDLE).isEmpty();
        if (bundleUnset == discoveryUnset) {
            reader.problem(ConfigKey.TRUST_BUNDLE, bundleUnset
                    ? "set either trust.bundle or trust.discovery-url (with trust.pins)"
                    : "set trust.bundle or trust.discovery-url, not both");
            return Optional.empty();
        }
        if (!bundleUnset) {
            return bundle.map(Trust.Bundle::new);
        }
        if (pins.isPresent() && pins.get().isEmpty()) {
            reader.problem(ConfigKey.TRUST_PINS, "required with trust.discovery-url but not set");
            return Optional.empty();
        }
        return discovery.flatMap(url -> pins.map(list -> new Trust.Discovery(url, list)));
    }

    private static String pin(String value) {
        var matcher = PIN.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(value);
        }
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }

    private static Optional<Device> device(ConfigSource source, ValueReader reader, RuntimeKind runtime) {
        Optional<String> id = reader.read(ConfigKey.DEVICE_ID, AgentConfigLoader::deviceId,
                "a device id of unreserved URL characters, '/' between parts");
        Optional<String> vendor = reader.text(ConfigKey.DEVICE_VENDOR);
        Optional<String> model = reader.text(ConfigKey.DEVICE_MODEL);
        Optional<String> serial = reader.text(ConfigKey.DEVICE_SERIAL);
        Optional<List<Peripheral>> peripherals = reader.readList(ConfigKey.DEVICE_PERIPHERALS,
                AgentConfigLoader::peripheral, "a peripheral type[:manufacturer[:model]] with type one of "
                        + String.join("|", ValueReader.sorted(PERIPHERAL_TYPES)));
        Optional<List<String>> runtimes = nonEmptyList(reader, ConfigKey.DEVICE_SUPPORTED_RUNTIMES,
                Set.of("oci", "custom"));
        Optional<List<String>> types = reader.text(ConfigKey.DEVICE_SUPPORTED_DEPLOYMENT_TYPES).isEmpty()
                ? Optional.of(deploymentTypesOf(runtime))
                : nonEmptyList(reader, ConfigKey.DEVICE_SUPPORTED_DEPLOYMENT_TYPES, Set.of("helm", "compose", "custom"));
        Optional<Boolean> otel = reader.bool(ConfigKey.DEVICE_OTEL_COLLECTOR);
        Map<String, String> labels = new TreeMap<>();
        source.labels().forEach((name, setting) -> labels.put(name, setting.value()));
        if (id.isEmpty() || vendor.isEmpty() || model.isEmpty() || serial.isEmpty() || peripherals.isEmpty()
                || runtimes.isEmpty() || types.isEmpty() || otel.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Device(id.get(), vendor.get(), model.get(), serial.get(), labels, peripherals.get(),
                runtimes.get(), types.get(), otel.get()));
    }

    private static Optional<List<String>> nonEmptyList(ValueReader reader, ConfigKey key, Set<String> allowed) {
        Optional<List<String>> values = reader.readList(key, value -> ValueReader.requireOneOf(value, allowed),
                "one of " + String.join("|", ValueReader.sorted(allowed)));
        if (values.isPresent() && values.get().isEmpty()) {
            reader.problem(key, "expected at least one of " + String.join("|", ValueReader.sorted(allowed)));
            return Optional.empty();
        }
        return values.map(list -> list.stream().distinct().toList());
    }

    /** The default of {@code device.supported-deployment-types}: what the chosen runtime can apply. */
    static List<String> deploymentTypesOf(RuntimeKind runtime) {
        return switch (runtime) {
            case HELM -> List.of("helm");
            case COMPOSE -> List.of("compose");
            case SIMULATED -> List.of("helm", "compose");
        };
    }

    private static String deviceId(String value) {
        if (!DEVICE_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }

    private static Peripheral peripheral(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length > 3 || !PERIPHERAL_TYPES.contains(parts[0])) {
            throw new IllegalArgumentException(value);
        }
        return new Peripheral(parts[0], part(parts, 1), part(parts, 2));
    }

    private static Optional<String> part(String[] parts, int index) {
        return index < parts.length && !parts[index].isBlank() ? Optional.of(parts[index].strip()) : Optional.empty();
    }
}
