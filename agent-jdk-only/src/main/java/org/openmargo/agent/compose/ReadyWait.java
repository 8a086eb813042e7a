package org.openmargo.agent.compose;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.process.CommandResult;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.state.ComponentState;

/**
 * {@code wait: true} for a Compose CLI without {@code up --wait} (v1): reads the container states every
 * {@link ComposeRuntime#READY_POLL} until every service of the applied components has containers and all of them
 * are ready ({@link Container#stateOf}), one of them fails, or the call's timeout is used up.
 */
final class ReadyWait {
    private static final System.Logger LOG = System.getLogger(ReadyWait.class.getName());

    private final DeploymentSpec deployment;
    private final ProjectCommand project;
    private final ComposeSettings settings;
    private final ComposeCall call;
    private final Map<String, String> environment;

    ReadyWait(DeploymentSpec deployment, ProjectCommand project, ComposeSettings settings, ComposeCall call,
            Map<String, String> environment) {
        this.deployment = deployment;
        this.project = project;
        this.settings = settings;
        this.call = call;
        this.environment = environment;
    }

    ComponentResult until(List<ComponentSpec> model) {
        Set<String> services = services(deployment, project, call, model, environment);
        if (services.isEmpty()) {
            return new ComponentResult.Failed("COMPOSE_CONFIG_FAILED", "cannot list the services to wait for");
        }
        while (true) {
            ContainerListing.Listed listed = ContainerListing.of(deployment, project, settings, call);
            if (listed.failure().isPresent()) {
                return listed.failure().get();
            }
            List<Container> own = listed.containers().stream().filter(c -> services.contains(c.service())).toList();
            Optional<ComponentState> state = Container.stateOf(own);
            boolean complete = own.stream().map(Container::service).distinct().count() == services.size();
            if (complete && state.equals(Optional.of(ComponentState.INSTALLED))) {
                return new ComponentResult.Done();
            }
            if (state.equals(Optional.of(ComponentState.FAILED))) {
                return new ComponentResult.Failed("COMPOSE_NOT_READY", "a container of services " + services
                        + " exited with an error, is dead or unhealthy: " + own);
            }
            if (call.left().isZero() || !call.pause(ComposeRuntime.READY_POLL)) {
                return call.timedOut();
            }
        }
    }

    /** The services of the files of {@code components}, from {@code config --services}; empty if that fails. */
    static Set<String> services(DeploymentSpec deployment, ProjectCommand project, ComposeCall call,
            List<ComponentSpec> components, Map<String, String> environment) {
        ProjectCommand.Resolved config = project.over(components, "config", "--services");
        if (config.failure().isPresent()) {
            LOG.log(Level.WARNING, "deployment {0}: cannot list the services of {1}: {2}", deployment.id(),
                    components.stream().map(ComponentSpec::name).toList(), config.failure().get());
            return Set.of();
        }
        CommandResult outcome = call.outcome(config.argv(), environment);
        if (!outcome.succeeded()) {
            LOG.log(Level.WARNING, "deployment {0}: cannot list the services of {1}: {2}", deployment.id(),
                    components.stream().map(ComponentSpec::name).toList(), ComposeCall.tail(outcome.stderrTail()));
            return Set.of();
        }
        return Set.copyOf(outcome.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
