package org.openmargo.agent.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.state.StatusError;
import org.openmargo.agent.status.StatusReport;

/**
 * The component steps of one deployment in one reconcile run. Every state change is reported to the sink (which
 * persists it) and then committed to the applied set, so a restart resumes from the last finished component.
 * Not thread-safe: used by the reconciling thread only.
 */
final class DeploymentRun {
    /** How a deployment's steps ended. */
    enum Result { DONE, UNSETTLED, FAILED }

    private final Reconciler.Context context;
    private final DeploymentSpec spec;
    private final String digest;
    private final long version;
    private final Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
    private Optional<StatusError> error = Optional.empty();

    DeploymentRun(Reconciler.Context context, DeploymentSpec spec, String digest, long version,
            Map<String, ComponentStatus> initial) {
        this.context = context;
        this.spec = spec;
        this.digest = digest;
        this.version = version;
        // Exactly one status per component of this deployment (d.1); a component not seen before is pending.
        spec.components().forEach(c -> statuses.put(c.name(),
                initial.getOrDefault(c.name(), ComponentStatus.of(c.name(), ComponentState.PENDING))));
    }

    /** Reports and commits the initial states, for example every changed component {@code pending}. */
    void announce() throws IOException {
        report();
        commit();
    }

    /** Applies the components in listed order, skipping those already {@code installed}; stops at a failure. */
    Result install() throws IOException {
        boolean unsettled = false;
        for (ComponentSpec component : spec.components()) {
            if (state(component) == ComponentState.INSTALLED) {
                continue;
            }
            set(component, ComponentState.INSTALLING);
            ComponentResult result = Reconciler.safely(() -> context.runtime().apply(spec, component,
                    spec.valuesFor(component.name()), component.timeout()));
            if (!(result instanceof ComponentResult.Done)) {
                return fail(component, result);
            }
            // wait: false means "accepted", not "ready": it stays installing until observe() says otherwise.
            unsettled |= !component.waitUntilReady();
            set(component, component.waitUntilReady() ? ComponentState.INSTALLED : ComponentState.INSTALLING);
            commit();
        }
        return unsettled ? Result.UNSETTLED : Result.DONE;
    }

    /** Removes the components in reverse order; never-applied ({@code pending}) ones need no runtime call. */
    Result remove() throws IOException {
        List<ComponentSpec> reversed = new ArrayList<>(spec.components());
        Collections.reverse(reversed);
        for (ComponentSpec component : reversed) {
            ComponentState state = state(component);
            if (state == ComponentState.REMOVED) {
                continue;
            }
            if (state != ComponentState.PENDING) {
                set(component, ComponentState.REMOVING);
                ComponentResult result = Reconciler.safely(() -> context.runtime().remove(spec, component,
                        component.timeout()));
                if (!(result instanceof ComponentResult.Done)) {
                    return fail(component, result);
                }
            }
            set(component, ComponentState.REMOVED);
            commit();
        }
        return Result.DONE;
    }

    /** Settles components applied with {@code wait: false} from what the runtime observes. */
    Result settle() throws IOException {
        Map<String, ComponentState> observed = context.runtime().observe(spec);
        boolean changed = false;
        for (ComponentSpec component : spec.components()) {
            ComponentState seen = observed.getOrDefault(component.name(), ComponentState.INSTALLING);
            if (state(component) == ComponentState.INSTALLING && seen == ComponentState.INSTALLED) {
                set(component, ComponentState.INSTALLED);
                changed = true;
            } else if (state(component) == ComponentState.INSTALLING && seen == ComponentState.FAILED) {
                return fail(component, new ComponentResult.Failed("NOT_READY", "the runtime reports it failed"));
            }
        }
        if (changed) {
            commit();
        }
        return statuses.values().stream().anyMatch(s -> s.state() == ComponentState.INSTALLING)
                ? Result.UNSETTLED : Result.DONE;
    }

    /**
     * Reports every component {@code failed} with the same error and applies nothing: the deployment was refused
     * before any runtime call (an ineligible device, digest f.2).
     */
    Result refuse(String code, String message) throws IOException {
        error = Optional.of(new StatusError(code, spec.name(), message));
        spec.components().forEach(c -> statuses.put(c.name(),
                ComponentStatus.failed(c.name(), new StatusError(code, c.name(), message))));
        report();
        commit();
        return Result.FAILED;
    }

    private Result fail(ComponentSpec component, ComponentResult result) throws IOException {
        String[] codeAndMessage = switch (result) {
            case ComponentResult.Failed f -> new String[] {f.code(), f.message()};
            case ComponentResult.TimedOut t -> new String[] {"TIMEOUT",
                "not done within " + ComponentSpec.format(t.timeout())};
            case ComponentResult.Done d -> throw new IllegalArgumentException("not a failure");
        };
        // d.3: a component error has the component as source, the overall error the deployment's metadata.name.
        error = Optional.of(new StatusError(codeAndMessage[0], spec.name(),
                "component " + component.name() + " failed: " + codeAndMessage[1]));
        statuses.put(component.name(), ComponentStatus.failed(component.name(),
                new StatusError(codeAndMessage[0], component.name(), codeAndMessage[1])));
        report();
        commit();
        return Result.FAILED;
    }

    private ComponentState state(ComponentSpec component) {
        return statuses.get(component.name()).state();
    }

    private void set(ComponentSpec component, ComponentState state) throws IOException {
        statuses.put(component.name(), ComponentStatus.of(component.name(), state));
        report();
    }

    private void report() throws IOException {
        // A deviceId ending in "/*" asks a gateway to choose; the status must name a concrete device (digest d.1).
        Optional<String> deviceId = Optional.of(spec.deviceId()).filter(id -> !id.endsWith("*"));
        context.sink().report(StatusReport.of(spec.id(), deviceId, version, error,
                List.copyOf(statuses.values())));
    }

    private void commit() throws IOException {
        context.commit(spec.id(), new AgentState.Applied(digest, version, List.copyOf(statuses.values())));
    }
}
