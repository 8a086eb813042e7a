package org.openmargo.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.agent.schedule.ScheduleSettings;

/**
 * The agent's validated configuration, as read by {@link AgentConfigLoader}. Immutable; paths are absolute (relative
 * ones in the file are resolved against the file's directory). Every key and its default is documented in
 * {@code agent.conf.example}.
 *
 * @param wfmUrl         base URL of the WFM ({@code wfm.url}), https
 * @param trust          how the agent learns which WFM certificates to trust
 * @param identity       the agent's SVID and its private key
 * @param stateDir       where the agent keeps its durable state ({@code state.dir})
 * @param runtime        which runtime applies deployments ({@code runtime})
 * @param runtimes       the settings of each runtime ({@code helm.*}, {@code compose.*}, {@code simulated.*})
 * @param schedule       polling and retry schedule for desired-state polls; changes apply without a restart
 * @param statusInterval re-send interval of status reports ({@code status.interval}); applies without a restart
 * @param device         what the agent reports in its capabilities
 * @param metricsTextfile where the agent writes its Prometheus textfile after each pass ({@code metrics.textfile},
 *                        a {@code *.prom} file for node_exporter's textfile collector); empty: no textfile
 */
public record AgentConfig(URI wfmUrl, Trust trust, Identity identity, Path stateDir, RuntimeKind runtime,
                          Runtimes runtimes, ScheduleSettings schedule, Duration statusInterval, Device device,
                          Optional<Path> metricsTextfile) {
    public AgentConfig {
        Objects.requireNonNull(wfmUrl, "wfmUrl");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(runtimes, "runtimes");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(statusInterval, "statusInterval");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(metricsTextfile, "metricsTextfile");
    }

    /** The schedule for status reports: {@link #schedule()} with {@code status.interval} as its rate. */
    public ScheduleSettings statusSchedule() {
        return new ScheduleSettings(statusInterval, schedule.jitter(), schedule.windows(), schedule.downtime(),
                schedule.backoff());
    }

    /** The configuration without the parts that apply without a restart: equal values mean no restart is needed. */
    AgentConfig withoutSchedule() {
        return new AgentConfig(wfmUrl, trust, identity, stateDir, runtime, runtimes, ScheduleSettings.defaults(),
                Duration.ZERO, device, metricsTextfile);
    }

    /** Which runtime applies deployments. */
    public enum RuntimeKind { HELM, COMPOSE, SIMULATED }

    /** Trust bootstrap: a local bundle file, or a discovery URL whose anchors must match pinned fingerprints. */
    public sealed interface Trust {
        /** {@code trust.bundle}: a SPIFFE bundle (JSON) or PEM file. */
        record Bundle(Path file) implements Trust {
        }

        /**
         * {@code trust.discovery-url} with {@code trust.pins}.
         *
         * @param pins lower-case hex SHA-256 fingerprints of the accepted anchors, at least one
         */
        record Discovery(URI url, List<String> pins) implements Trust {
            public Discovery {
                pins = List.copyOf(pins);
            }
        }
    }

    /** {@code identity.certificate} and {@code identity.private-key}: the agent's X.509 SVID chain and its key. */
    public record Identity(Path certificate, Path privateKey) {
    }

    /**
     * The device fields of the capabilities report (digest e).
     *
     * @param labels                   {@code device.labels.<name>}, sorted by name; values are reported as strings
     * @param supportedRuntimes        {@code oci} and/or {@code custom}, at least one
     * @param supportedDeploymentTypes {@code helm}, {@code compose} and/or {@code custom}, at least one
     */
    public record Device(String id, String vendor, String model, String serial, Map<String, String> labels,
                         List<Peripheral> peripherals, List<String> supportedRuntimes,
                         List<String> supportedDeploymentTypes, boolean otelCollector) {
        public Device {
            labels = Map.copyOf(labels);
            peripherals = List.copyOf(peripherals);
            supportedRuntimes = List.copyOf(supportedRuntimes);
            supportedDeploymentTypes = List.copyOf(supportedDeploymentTypes);
        }

        /**
         * This device with labels the agent found out itself (such as the Compose CLI in use) added; a label the
         * device owner configured under the same name is kept as configured.
         */
        public Device withFactLabels(Map<String, String> facts) {
            Map<String, String> merged = new java.util.TreeMap<>(facts);
            merged.putAll(labels);
            return new Device(id, vendor, model, serial, merged, peripherals, supportedRuntimes,
                    supportedDeploymentTypes, otelCollector);
        }
    }

    /** One {@code device.peripherals} entry, written {@code type[:manufacturer[:model]]}. */
    public record Peripheral(String type, Optional<String> manufacturer, Optional<String> model) {
    }
}
