package org.openmargo.agent.compose;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.process.Command;
import org.openmargo.agent.process.CommandResult;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.state.ComponentState;

/**
 * Runs Compose deployments with the Docker Compose v2 CLI: one project per deployment ({@link ProjectName}), each
 * component a compose application published to OCI and read with {@code -f oci://<repository>:<revision>}.
 *
 * <p>Components share the project cumulatively: applying component <i>k</i> runs {@code up -d} over the files of
 * components 1..<i>k</i>, so Compose sees the earlier components as part of the model, leaves them alone when their
 * definition is unchanged, and never counts them as orphans. {@code --remove-orphans} is passed only with the last
 * component, when the model is complete; an earlier one would remove the containers of later components. The
 * environment of that call is the union of the parameter values of components 1..<i>k</i>; a pointer with two
 * different values fails with {@code COMPOSE_PARAMETER_CONFLICT}. Updates never run {@code down}.
 *
 * <p>{@code up} gets {@code -y}: from an OCI source Compose lists the interpolation variables and asks to proceed,
 * which without a terminal ends in "operation cancelled by user". This needs Compose 2.34 or later, as does
 * {@code -f oci://} itself.
 *
 * <p>Removing a component runs {@code rm --stop --force} over its own file; once the project has no containers left,
 * {@code down} removes its networks (and, if configured, its volumes). So removing a component an update dropped
 * leaves the other components running, and removing a whole deployment (last component first) ends in {@code down}.
 *
 * <p>{@link #observe} lists the project's containers with {@code ps --all --format json} and maps them to components
 * through {@code config --services} of each component's own file (the {@code config_files} label would name the
 * cumulative file list of whichever apply created the container, so it cannot tell components apart).
 *
 * <p>Every call is bounded by the remaining component timeout plus {@link ComposeSettings#commandGrace()}; a killed
 * call is {@link ComponentResult.TimedOut}, a non-zero exit {@link ComponentResult.Failed} with a code such as
 * {@code COMPOSE_UP_FAILED} and the tail of stderr. Thread safety: stateless apart from the settings; safe to share.
 */
public final class ComposeRuntime implements WorkloadRuntime {
    private static final System.Logger LOG = System.getLogger(ComposeRuntime.class.getName());
    /** Bound of each CLI call made by {@link #observe}, which has no timeout of its own. */
    static final Duration OBSERVE_TIMEOUT = Duration.ofSeconds(30);

    private final ComposeSettings settings;
    private final CommandRunner runner;
    private final Path workingDirectory;

    /**
     * @param settings         the Compose command and removal policy
     * @param runner           runs each CLI call; its own kill grace comes on top of the bounds computed here
     * @param workingDirectory where every Compose call runs: a directory the agent owns and keeps empty. Compose reads
     *                         a {@code .env} file from its project directory, which is the working directory for
     *                         {@code -f oci://} files; the agent's own working directory could hold one that would
     *                         silently change every deployment. Created when missing
     * @throws IllegalStateException when the directory cannot be created
     */
    public ComposeRuntime(ComposeSettings settings, CommandRunner runner, Path workingDirectory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        try {
            Files.createDirectories(workingDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the Compose working directory " + workingDirectory, e);
        }
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
        List<String> argv = project(deployment, model);
        // -y: up from an OCI source lists its interpolation variables and asks to proceed; without a terminal that
        // question ends in "operation cancelled by user".
        argv.addAll(List.of("up", "-d", "-y"));
        if (index == deployment.components().size() - 1) {
            argv.add("--remove-orphans");
        }
        if (component.waitUntilReady()) {
            argv.addAll(List.of("--wait", "--wait-timeout", Long.toString(seconds(timeout))));
        }
        ComposeCall call = new ComposeCall(runner, settings, workingDirectory, timeout);
        return call.run(argv, environment.variables(), "up", "COMPOSE_UP_FAILED").orElse(new ComponentResult.Done());
    }

    @Override
    public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
        ComposeCall call = new ComposeCall(runner, settings, workingDirectory, timeout);
        List<String> rm = project(deployment, List.of(component));
        rm.addAll(List.of("rm", "--stop", "--force"));
        if (settings.removeVolumesOnRemoval()) {
            rm.add("--volumes");
        }
        ComposeEnvironment environment = new ComposeEnvironment();
        environment.add(deployment.valuesFor(component.name()));
        Optional<ComponentResult> failed = call.run(rm, environment.variables(), "rm", "COMPOSE_RM_FAILED");
        if (failed.isPresent()) {
            return failed.get();
        }
        return downIfEmpty(deployment, call);
    }

    /** Runs {@code down} once no component of the project has containers left: it removes networks and volumes. */
    private ComponentResult downIfEmpty(DeploymentSpec deployment, ComposeCall call) {
        CommandResult ps = call.outcome(ps(deployment));
        if (!ps.succeeded()) {
            return call.failure(ps, "ps", "COMPOSE_PS_FAILED");
        }
        try {
            if (!Container.parseAll(ps.stdout()).isEmpty()) {
                return new ComponentResult.Done();
            }
        } catch (JsonParseException e) {
            return new ComponentResult.Failed("COMPOSE_PS_UNREADABLE", "compose ps: " + e.getMessage());
        }
        List<String> down = project(deployment, List.of());
        down.add("down");
        if (settings.removeVolumesOnRemoval()) {
            down.add("--volumes");
        }
        return call.run(down, Map.of(), "down", "COMPOSE_DOWN_FAILED").orElse(new ComponentResult.Done());
    }

    @Override
    public Map<String, ComponentState> observe(DeploymentSpec deployment) {
        CommandResult ps = run(ps(deployment), Map.of(), OBSERVE_TIMEOUT);
        List<Container> containers;
        try {
            containers = ps.succeeded() ? Container.parseAll(ps.stdout()) : List.of();
        } catch (JsonParseException e) {
            LOG.log(Level.WARNING, "deployment {0}: unreadable docker compose ps output: {1}", deployment.id(),
                    e.getMessage());
            containers = List.of();
        }
        if (containers.isEmpty()) {
            return Map.of();
        }
        Map<String, ComponentState> states = new LinkedHashMap<>();
        for (ComponentSpec component : deployment.components()) {
            Set<String> services = services(deployment, component);
            List<Container> own = containers.stream().filter(c -> services.contains(c.service())).toList();
            Container.stateOf(own).ifPresent(state -> states.put(component.name(), state));
        }
        return states;
    }

    /** The services of one component's compose file, from {@code config --services}; empty if that fails. */
    private Set<String> services(DeploymentSpec deployment, ComponentSpec component) {
        List<String> argv = project(deployment, List.of(component));
        argv.addAll(List.of("config", "--services"));
        ComposeEnvironment environment = new ComposeEnvironment();
        environment.add(deployment.valuesFor(component.name()));
        CommandResult outcome = run(argv, environment.variables(), OBSERVE_TIMEOUT);
        if (!outcome.succeeded()) {
            LOG.log(Level.WARNING, "deployment {0}: cannot list the services of component {1}: {2}", deployment.id(),
                    component.name(), ComposeCall.tail(outcome.stderrTail()));
            return Set.of();
        }
        return Set.copyOf(outcome.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private CommandResult run(List<String> argv, Map<String, String> environment, Duration bound) {
        return runner.run(new Command(argv, DockerEnvironment.with(environment, System.getenv()),
                Optional.of(workingDirectory), bound, Optional.empty()));
    }

    private List<String> ps(DeploymentSpec deployment) {
        List<String> argv = project(deployment, List.of());
        argv.addAll(List.of("ps", "--all", "--format", "json"));
        return argv;
    }

    private List<String> project(DeploymentSpec deployment, List<ComponentSpec> files) {
        List<String> argv = new ArrayList<>(settings.command());
        argv.addAll(List.of("-p", ProjectName.of(deployment)));
        files.forEach(c -> argv.addAll(List.of("-f", reference(c))));
        return argv;
    }

    /** {@code oci://registry/app:1.2.3+build.1} from repository and revision (the tag Compose publishes). */
    static String reference(ComponentSpec component) {
        return component.repository() + ":" + component.revision();
    }

    /** Whole seconds for {@code --wait-timeout}, rounded up, at least 1. */
    static long seconds(Duration timeout) {
        long seconds = timeout.toSeconds();
        return Math.max(1, timeout.toNanosPart() > 0 ? seconds + 1 : seconds);
    }
}
