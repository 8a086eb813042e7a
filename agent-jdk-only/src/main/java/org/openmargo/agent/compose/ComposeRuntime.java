package org.openmargo.agent.compose;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.state.ComponentState;

/**
 * Runs Compose deployments with the Docker Compose CLI, v2 ({@code docker compose}) or v1 ({@code docker-compose}):
 * one project per deployment ({@link ProjectName}); each component is a compose application published to OCI, whose
 * files a {@link ComposeSource} provides as local files ({@link RegistrySource}: fetched, verified, kept by digest).
 *
 * <p>Components share the project cumulatively: applying component <i>k</i> runs {@code up -d} over the files of
 * components 1..<i>k</i>, so Compose sees the earlier components as part of the model, leaves them alone when their
 * definition is unchanged, and never counts them as orphans. {@code --remove-orphans} is passed only with the last
 * component, when the model is complete; an earlier one would remove the containers of later components. The
 * environment of that call is the union of the parameter values of components 1..<i>k</i>; a pointer with two
 * different values fails with {@code COMPOSE_PARAMETER_CONFLICT}. Updates never run {@code down}, so named volumes
 * and their data stay.
 *
 * <p>{@code wait}: v2 gets {@code up --wait --wait-timeout <s>}; v1 has no such flag, so after {@code up} the runtime
 * reads the container states once a second ({@link ContainerListing}) until every container of the components'
 * services runs (and is healthy where it has a health check), one fails ({@code COMPOSE_NOT_READY}) or the timeout
 * passes.
 *
 * <p>Removing a component runs {@code rm --stop --force} over its own files; once the project has no containers
 * left, {@code down} removes its networks (and, if configured, its volumes). So removing a component an update dropped
 * leaves the other components running, and removing a whole deployment (last component first) ends in {@code down}.
 *
 * <p>{@link #observe} lists the project's containers and maps them to components through {@code config --services}
 * of each component's own files (the {@code config_files} label would name the cumulative file list of whichever
 * apply created the container, so it cannot tell components apart).
 *
 * <p>Every call is bounded by the remaining component timeout plus {@link ComposeSettings#commandGrace()}; a killed
 * call is {@link ComponentResult.TimedOut}, a non-zero exit {@link ComponentResult.Failed} with a code such as
 * {@code COMPOSE_UP_FAILED} and the tail of stderr, and files the source refuses fail with the source's code (for
 * example {@code OCI_INVALID}) before any container is touched. Thread safety: one caller at a time.
 */
public final class ComposeRuntime implements WorkloadRuntime {
    private static final System.Logger LOG = System.getLogger(ComposeRuntime.class.getName());
    /** Bound of the CLI calls made by one {@link #observe}, which has no timeout of its own. */
    static final Duration OBSERVE_TIMEOUT = Duration.ofSeconds(30);
    /** How often a v1 {@code wait} reads the container states. */
    static final Duration READY_POLL = Duration.ofSeconds(1);

    private final ComposeSettings settings;
    private final CommandRunner runner;
    private final ComposeSource source;
    private final Path workingDirectory;

    /**
     * @param settings         the Compose CLI and removal policy
     * @param runner           runs each CLI call; its own kill grace comes on top of the bounds computed here
     * @param source           the compose files of each component
     * @param workingDirectory where every Compose call runs and its project directory: a directory the agent owns and
     *                         keeps empty, since Compose reads a {@code .env} file from the project directory.
     *                         Created when missing
     * @throws IllegalStateException when the directory cannot be created
     */
    public ComposeRuntime(ComposeSettings settings, CommandRunner runner, ComposeSource source,
            Path workingDirectory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.source = Objects.requireNonNull(source, "source");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        try {
            Files.createDirectories(workingDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the Compose working directory " + workingDirectory, e);
        }
    }

    /** The capability labels that report the CLI in use ({@link ComposeCli#labels()}). */
    public Map<String, String> labels() {
        return settings.cli().labels();
    }

    @Override
    public ComponentResult apply(DeploymentSpec deployment, ComponentSpec component, Map<String, JsonValue> values,
            Duration timeout) {
        int index = deployment.components().indexOf(component);
        if (index < 0) {
            return new ComponentResult.Failed("COMPOSE_UNKNOWN_COMPONENT",
                    "component " + component.name() + " is not part of deployment " + deployment.name());
        }
        List<ComponentSpec> model = deployment.components().subList(0, index + 1);
        ComposeEnvironment environment = new ComposeEnvironment();
        for (int i = 0; i <= index; i++) {
            Optional<String> conflict = environment.add(i == index ? values
                    : deployment.valuesFor(model.get(i).name()));
            if (conflict.isPresent()) {
                return new ComponentResult.Failed("COMPOSE_PARAMETER_CONFLICT", "environment variable "
                        + conflict.get() + " has different values for components of one Compose project");
            }
        }
        ProjectCommand project = project(deployment);
        ProjectCommand.Resolved up = project.over(model, "up", "-d");
        if (index == deployment.components().size() - 1) {
            up = up.with("--remove-orphans");
        }
        boolean v2 = settings.cli().dialect() == ComposeCli.Dialect.V2;
        if (component.waitUntilReady() && v2) {
            up = up.with("--wait", "--wait-timeout", Long.toString(seconds(timeout)));
        }
        if (up.failure().isPresent()) {
            return up.failure().get();
        }
        ComposeCall call = new ComposeCall(runner, settings, workingDirectory, timeout);
        Optional<ComponentResult> failed = call.run(up.argv(), environment.variables(), "up", "COMPOSE_UP_FAILED");
        if (failed.isPresent() || !component.waitUntilReady() || v2) {
            return failed.orElse(new ComponentResult.Done());
        }
        return new ReadyWait(deployment, project, settings, call, environment.variables()).until(model);
    }

    @Override
    public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
        ComposeCall call = new ComposeCall(runner, settings, workingDirectory, timeout);
        ProjectCommand project = project(deployment);
        ProjectCommand.Resolved rm = project.over(List.of(component), "rm", "--stop", "--force");
        if (settings.removeVolumesOnRemoval()) {
            rm = rm.with("-v");
        }
        if (rm.failure().isPresent()) {
            return rm.failure().get();
        }
        ComposeEnvironment environment = new ComposeEnvironment();
        environment.add(deployment.valuesFor(component.name()));
        Optional<ComponentResult> failed = call.run(rm.argv(), environment.variables(), "rm", "COMPOSE_RM_FAILED");
        if (failed.isPresent()) {
            return failed.get();
        }
        return downIfEmpty(deployment, project, call);
    }

    /** Runs {@code down} once no component of the project has containers left: it removes networks and volumes. */
    private ComponentResult downIfEmpty(DeploymentSpec deployment, ProjectCommand project, ComposeCall call) {
        ContainerListing.Listed listed = ContainerListing.of(deployment, project, settings, call);
        if (listed.failure().isPresent()) {
            return listed.failure().get();
        }
        if (!listed.containers().isEmpty()) {
            return new ComponentResult.Done();
        }
        ProjectCommand.Resolved down = project.whole(deployment, "down");
        if (settings.removeVolumesOnRemoval()) {
            down = down.with("--volumes");
        }
        if (down.failure().isPresent()) {
            return down.failure().get();
        }
        return call.run(down.argv(), Map.of(), "down", "COMPOSE_DOWN_FAILED").orElse(new ComponentResult.Done());
    }

    @Override
    public Map<String, ComponentState> observe(DeploymentSpec deployment) {
        ComposeCall call = new ComposeCall(runner, settings, workingDirectory, OBSERVE_TIMEOUT);
        ProjectCommand project = project(deployment);
        ContainerListing.Listed listed = ContainerListing.of(deployment, project, settings, call);
        if (listed.failure().isPresent()) {
            LOG.log(Level.WARNING, "deployment {0}: cannot list its containers: {1}", deployment.id(),
                    listed.failure().get());
            return Map.of();
        }
        if (listed.containers().isEmpty()) {
            return Map.of();
        }
        Map<String, ComponentState> states = new LinkedHashMap<>();
        for (ComponentSpec component : deployment.components()) {
            ComposeEnvironment environment = new ComposeEnvironment();
            environment.add(deployment.valuesFor(component.name()));
            Set<String> services = ReadyWait.services(deployment, project, call, List.of(component),
                    environment.variables());
            List<Container> own = listed.containers().stream().filter(c -> services.contains(c.service())).toList();
            Container.stateOf(own).ifPresent(state -> states.put(component.name(), state));
        }
        return states;
    }

    private ProjectCommand project(DeploymentSpec deployment) {
        return new ProjectCommand(settings, source, workingDirectory, deployment);
    }

    /** Whole seconds for {@code --wait-timeout}, rounded up, at least 1. */
    static long seconds(Duration timeout) {
        long seconds = timeout.toSeconds();
        return Math.max(1, timeout.toNanosPart() > 0 ? seconds + 1 : seconds);
    }
}
