package org.openmargo.agent.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every key of the agent configuration file except the open family {@code device.labels.<name>}. A key is required
 * (no default), optional (empty default: absent) or has a default. Schedule keys take effect without a restart.
 * The meaning of each key is documented in {@code src/main/dist/agent.conf.example}.
 */
enum ConfigKey {
    WFM_URL("wfm.url", null, false),
    TRUST_BUNDLE("trust.bundle", "", false),
    TRUST_DISCOVERY_URL("trust.discovery-url", "", false),
    TRUST_PINS("trust.pins", "", false),
    IDENTITY_CERTIFICATE("identity.certificate", null, false),
    IDENTITY_PRIVATE_KEY("identity.private-key", null, false),
    STATE_DIR("state.dir", "/var/lib/openmargo-agent", false),
    RUNTIME("runtime", null, false),
    HELM_BINARY("helm.binary", "helm", false),
    HELM_KUBECONFIG("helm.kubeconfig", "", false),
    HELM_EXTRA_FLAGS("helm.extra-flags", "", false),
    HELM_DEFAULT_TIMEOUT("helm.default-timeout", "PT10M", false),
    COMPOSE_COMMAND("compose.command", "auto", false),
    COMPOSE_REMOVE_VOLUMES("compose.remove-volumes", "false", false),
    OCI_INSECURE_REGISTRIES("oci.insecure-registries", "", false),
    OCI_CREDENTIALS("oci.credentials", "", false),
    OCI_DOCKER_CONFIG("oci.docker-config", "", false),
    SIMULATED_STEP_TIME("simulated.step-time", "PT0.2S", false),
    SIMULATED_FAILURE_RATE("simulated.failure-rate", "0.0", false),
    STATUS_INTERVAL("status.interval", "PT15M", true),
    POLL_RATE("poll.rate", "PT5M", true),
    POLL_JITTER_PERCENT("poll.jitter-percent", "10", true),
    POLL_WINDOWS("poll.windows", "", true),
    POLL_TIME_ZONE("poll.time-zone", "UTC", true),
    DOWNTIME_WEEKLY("downtime.weekly", "", true),
    DOWNTIME_ONCE("downtime.once", "", true),
    BACKOFF_INITIAL("backoff.initial", "PT10S", true),
    BACKOFF_MAX("backoff.max", "PT10M", true),
    BACKOFF_MULTIPLIER("backoff.multiplier", "2", true),
    DEVICE_ID("device.id", null, false),
    DEVICE_VENDOR("device.vendor", null, false),
    DEVICE_MODEL("device.model", null, false),
    DEVICE_SERIAL("device.serial", null, false),
    DEVICE_PERIPHERALS("device.peripherals", "", false),
    DEVICE_SUPPORTED_RUNTIMES("device.supported-runtimes", "oci", false),
    DEVICE_SUPPORTED_DEPLOYMENT_TYPES("device.supported-deployment-types", "", false),
    DEVICE_OTEL_COLLECTOR("device.otel-collector", "true", false),
    METRICS_TEXTFILE("metrics.textfile", "", false);

    /** Prefix of the open key family for capability labels. */
    static final String LABEL_PREFIX = "device.labels.";
    /** Prefix of the environment variables that override file values. */
    static final String ENVIRONMENT_PREFIX = "MARGO_AGENT_";

    private final String key;
    private final String defaultValue;
    private final boolean schedule;

    ConfigKey(String key, String defaultValue, boolean schedule) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.schedule = schedule;
    }

    String key() {
        return key;
    }

    boolean required() {
        return defaultValue == null;
    }

    /** The value used when neither the file nor the environment sets the key; empty for required keys. */
    String defaultValue() {
        return defaultValue == null ? "" : defaultValue;
    }

    /** Whether a change applies without a restart. */
    boolean schedule() {
        return schedule;
    }

    /** {@code poll.jitter-percent} becomes {@code MARGO_AGENT_POLL_JITTER_PERCENT}. */
    String environmentName() {
        return environmentName(key);
    }

    static String environmentName(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static Optional<ConfigKey> byEnvironmentName(String name) {
        return Arrays.stream(values()).filter(k -> k.environmentName().equals(name)).findFirst();
    }
}
