package org.openmargo.agent.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.process.CommandResult;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.DeploymentSpec;

/**
 * Lists the containers of a project, stopped ones included: V2 with {@code ps --all --format json}; V1, whose
 * {@code ps} has no JSON output, with {@code ps -a -q} for the ids and {@code docker inspect} for their states.
 */
final class ContainerListing {
    private ContainerListing() {
    }

    /**
     * The containers, or the result that ends the caller's operation.
     *
     * @param containers the containers; empty when {@code failure} is present
     * @param failure    why they could not be listed
     */
    record Listed(List<Container> containers, Optional<ComponentResult> failure) {
        static Listed failed(ComponentResult result) {
            return new Listed(List.of(), Optional.of(result));
        }
    }

    static Listed of(DeploymentSpec deployment, ProjectCommand project, ComposeSettings settings, ComposeCall call) {
        boolean v1 = settings.cli().dialect() == ComposeCli.Dialect.V1;
        ProjectCommand.Resolved ps = v1 ? project.whole(deployment, "ps", "-a", "-q")
                : project.whole(deployment, "ps", "--all", "--format", "json");
        if (ps.failure().isPresent()) {
            return Listed.failed(ps.failure().get());
        }
        CommandResult listed = call.outcome(ps.argv());
        if (!listed.succeeded()) {
            return Listed.failed(call.failure(listed, "ps", "COMPOSE_PS_FAILED"));
        }
        try {
            if (!v1) {
                return new Listed(Container.parseAll(listed.stdout()), Optional.empty());
            }
            List<String> ids = listed.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (ids.stream().anyMatch(id -> !id.matches("[0-9a-f]{12,64}"))) {
                return Listed.failed(new ComponentResult.Failed("COMPOSE_PS_UNREADABLE",
                        "compose ps -q printed something other than container ids"));
            }
            if (ids.isEmpty()) {
                return new Listed(List.of(), Optional.empty());
            }
            List<String> inspect = new ArrayList<>(settings.docker());
            inspect.add("inspect");
            inspect.addAll(ids);
            CommandResult inspected = call.outcome(inspect);
            if (!inspected.succeeded()) {
                return Listed.failed(call.failure(inspected, "inspect", "DOCKER_INSPECT_FAILED"));
            }
            return new Listed(Container.parseInspect(inspected.stdout()), Optional.empty());
        } catch (JsonParseException e) {
            return Listed.failed(new ComponentResult.Failed("COMPOSE_PS_UNREADABLE", "container list: "
                    + e.getMessage()));
        }
    }
}
