package org.openmargo.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import org.openmargo.agent.capabilities.CapabilitiesDocument;
import org.openmargo.agent.capabilities.HostFacts;
import org.openmargo.agent.compose.ComposeCli;
import org.openmargo.agent.compose.ComposeRuntime;
import org.openmargo.agent.compose.ComposeSettings;
import org.openmargo.agent.compose.RegistrySource;
import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.Runtimes;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.cycle.AgentCycle;
import org.openmargo.agent.cycle.AgentLoop;
import org.openmargo.agent.helm.HelmRuntime;
import org.openmargo.agent.helm.HelmSettings;
import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.observe.IdentityFacts;
import org.openmargo.agent.oci.OciClient;
import org.openmargo.agent.oci.OciSettings;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.renewal.Renewal;
import org.openmargo.agent.renewal.SvidKeeper;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.simulated.SimulatedRuntime;
import org.openmargo.agent.status.StatusPort;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.trust.TrustStore;

/**
 * The agent wired from its configuration: SVID, trust store, mTLS client, and the {@link AgentCycle} assembled from
 * them with three local steps ahead of the WFM steps: configuration reload ({@link ConfigReloadStep}: a schedule edit
 * applies within about a second), trust bundle refresh, and SVID renewal ({@link SvidKeeper}: at two thirds of its
 * lifetime, operator replacements picked up). {@link #close()} stops the loop at once when idle, after the pass in
 * progress otherwise.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final Duration DEFAULT_TRUST_REFRESH = Duration.ofHours(1);

    private final WfmClient client;
    private final AgentCycle cycle;
    private final AgentLoop loop;

    private Agent(WfmClient client, AgentCycle cycle, Clock clock) {
        this.client = client;
        this.cycle = cycle;
        this.loop = new AgentLoop(cycle, clock);
    }

    /**
     * Builds the agent.
     *
     * @param watcher the configuration file watcher (its current configuration is used)
     * @throws IOException when the SVID, the state directory or the trust material cannot be used
     */
    public static Agent create(ConfigWatcher watcher, Clock clock, RandomGenerator random) throws IOException {
        AgentConfig config = watcher.current();
        Files.createDirectories(config.stateDir());
        IdentityFiles files = IdentityFiles.of(config.identity().certificate(), config.identity().privateKey());
        files.recover().ifPresent(LOG::warning);
        Svid svid = files.load();
        TrustStore trust = TrustStore.open(trustSettings(config, svid));
        WfmClient client = WfmClient.create(WfmClient.Settings.of(config.wfmUrl()), svid, trust::anchors, clock);
        AtomicReference<AgentConfig> current = new AtomicReference<>(config);
        WorkloadRuntime runtime = runtime(config);
        AgentConfig.Device device = runtime instanceof ComposeRuntime compose
                ? config.device().withFactLabels(compose.labels()) : config.device();
        Supplier<String> capabilitiesText = () -> CapabilitiesDocument.build(HostFacts.discover(config.stateDir()),
                device);
        SvidKeeper keeper = new SvidKeeper(client, files, new Renewal(client, files, clock, new SecureRandom()), clock,
                () -> current.get().schedule().backoff());
        TrustRefreshStep trustRefresh = new TrustRefreshStep(trust, clock);
        AgentCycle cycle = AgentCycle.assemble(new AgentCycle.Parts(clock, random, () -> current.get().schedule(),
                () -> current.get().statusSchedule(), client, config.device().id(), capabilitiesText,
                () -> parse(capabilitiesText.get()), config.stateDir(), runtime, StatusPort.over(client),
                List.of(new ConfigReloadStep(watcher, current, clock), trustRefresh,
                        new SvidRenewalStep(keeper, clock)),
                () -> new IdentityFacts(Optional.of(client.svid().notAfter()), trustRefresh.lastConfirmed()),
                config.metricsTextfile())).cycle();
        return new Agent(client, cycle, clock);
    }

    /** The capabilities document as the eligibility check reads it; it is built by this agent, so always JSON. */
    private static JsonObject parse(String capabilities) {
        try {
            return (JsonObject) Json.parse(capabilities);
        } catch (JsonParseException e) {
            throw new IllegalStateException("capabilities document is not JSON: " + e.getMessage(), e);
        }
    }

    private static TrustStore.Settings trustSettings(AgentConfig config, Svid svid) {
        Optional<java.nio.file.Path> file = config.trust() instanceof AgentConfig.Trust.Bundle b
                ? Optional.of(b.file()) : Optional.empty();
        Optional<java.net.URI> discovery = config.trust() instanceof AgentConfig.Trust.Discovery d
                ? Optional.of(d.url()) : Optional.empty();
        java.util.List<String> pins = config.trust() instanceof AgentConfig.Trust.Discovery d
                ? d.pins() : java.util.List.of();
        return new TrustStore.Settings(file, discovery, Optional.empty(), pins, config.stateDir(),
                DEFAULT_TRUST_REFRESH, Optional.of(svid.trustDomain()));
    }

    static WorkloadRuntime runtime(AgentConfig config) throws IOException {
        return switch (config.runtime()) {
            case SIMULATED -> {
                LOG.warning("runtime = simulated: deployments are NOT installed, only simulated (demo/fleet"
                        + " simulation)");
                yield SimulatedRuntime.persistent(config.runtimes().simulated().stepTime(),
                        config.runtimes().simulated().failureRate(), RandomGenerator.getDefault(),
                        config.stateDir().resolve("simulated").resolve("installed.tsv"));
            }
            case HELM -> new HelmRuntime(helmSettings(config.runtimes().helm()), new CommandRunner());
            case COMPOSE -> composeRuntime(config.runtimes().compose(), config.stateDir());
        };
    }

    /**
     * The Compose runtime: the CLI detected now (or the configured one, whose dialect is read from its version),
     * compose files from registries kept under {@code <state.dir>/compose-files}, every call run in the empty
     * directory {@code <state.dir>/compose}.
     */
    static ComposeRuntime composeRuntime(Runtimes.Compose compose, java.nio.file.Path stateDir) throws IOException {
        CommandRunner runner = new CommandRunner();
        ComposeCli cli = ComposeCli.detect(compose.command().isEmpty() ? Optional.empty()
                : Optional.of(compose.command()), runner);
        Runtimes.Registries registries = compose.registries();
        OciClient client = OciClient.create(new OciSettings(java.util.Set.copyOf(registries.insecure()),
                registries.credentials(), OciSettings.DEFAULT_TIMEOUT));
        return new ComposeRuntime(composeSettings(cli, compose), runner,
                new RegistrySource(client, stateDir.resolve("compose-files")), stateDir.resolve("compose"));
    }

    /** The configured Helm settings; the grace period is the runtime's own default. */
    static HelmSettings helmSettings(Runtimes.Helm helm) {
        return new HelmSettings(helm.binary(), helm.kubeconfig(), helm.extraFlags(), helm.defaultTimeout(),
                HelmSettings.defaults().commandGrace());
    }

    /** The configured Compose settings; the grace period is the runtime's own default. */
    static ComposeSettings composeSettings(ComposeCli cli, Runtimes.Compose compose) {
        return new ComposeSettings(cli, ComposeSettings.defaults().docker(), compose.removeVolumes(),
                ComposeSettings.defaults().commandGrace());
    }

    /** Runs the agent until {@link #close()}. */
    public void start() {
        loop.start();
    }

    /** One full pass now, for {@code --once}; returns whether it fully succeeded. */
    public boolean runOnce() throws InterruptedException {
        return cycle.runOnce();
    }

    @Override
    public void close() {
        loop.close();
        client.close();
    }
}
