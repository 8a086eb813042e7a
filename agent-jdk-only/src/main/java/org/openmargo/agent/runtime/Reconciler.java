package org.openmargo.agent.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.status.StatusSink;

/**
 * Drives the workloads from the applied set towards the desired set of an {@link AgentState} (digest c.7 step 10).
 *
 * <p>One run is an ordered list of small steps:
 * <ol>
 *   <li>drift: every desired deployment that is applied at its desired digest with every component {@code installed}
 *       is compared with {@link WorkloadRuntime#observe}; components the runtime reports absent or {@code FAILED} are
 *       applied again (reported {@code installing}, then {@code installed} or {@code failed}) and the drift is logged
 *       at WARNING;</li>
 *   <li>every applied deployment that is no longer desired is removed, components in reverse order;</li>
 *   <li>every desired deployment, in deploymentId order, that is new, has a new digest, or has {@code failed} or
 *       {@code pending} components is applied: components in listed order, those still {@code installed} with an
 *       unchanged spec and values are skipped, and the first failure stops the deployment (later components stay
 *       {@code pending}: they were received but not applied, digest d.2). First, a new or changed deployment must
 *       meet its {@code deviceConstraints} (digest f.2, {@code org.openmargo.agent.eligibility}): an ineligible one is
 *       reported {@code failed} on every component with code {@value #NOT_ELIGIBLE} and never reaches the runtime.
 *       A refused deployment is judged again on every run, as the capabilities may have grown, but an unchanged
 *       reason is not reported again; an admitted one is not judged again until its digest changes;</li>
 *   <li>a deployment whose {@code wait: false} components are still {@code installing} is settled through
 *       {@link WorkloadRuntime#observe}.</li>
 * </ol>
 * A failed deployment does not stop the others: they are independent workloads, and holding every deployment back
 * for one broken one would turn a local failure into a device-wide one. A failed state or status write does stop the
 * run ({@link ReconcileOutcome.Stalled}).
 *
 * <p>Every state change is first given to the {@link StatusSink} (the durable outbox) and then committed through
 * {@link Commit}, per component, so a kill at any instant resumes at the interrupted component; runtime calls are
 * idempotent. The run never sleeps: timeouts are passed to the runtime.
 *
 * <p>Components dropped by an update are removed (reverse order) before the new components are applied. rc.3 status
 * has exactly one entry per component of the <em>new</em> deployment, so a failure there can only be logged; the
 * applied digest then stays the old one and the update is retried.
 *
 * <p>Thread safety: not thread-safe; one run at a time, from the agent's reconcile task.
 */
public final class Reconciler {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
    /** The error code of a deployment whose {@code deviceConstraints} this device does not meet. */
    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

    /** Persists the state after every change; {@code StateStore::save} in production. */
    @FunctionalInterface
    public interface Commit {
        void save(AgentState state) throws IOException;
    }

    private final WorkloadRuntime runtime;
    private final Function<String, Optional<DeploymentSpec>> specs;
    private final StatusSink sink;
    private final Commit commit;
    private final Supplier<JsonObject> capabilities;

    /**
     * @param specs the parsed ApplicationDeployment for a digest, empty if its YAML is not available or invalid
     * @param capabilities the device's current capabilities document (digest e); read at most once per run and only
     *                     when a deployment with {@code deviceConstraints} is about to be applied. An exception from it
     *                     stalls the run.
     */
    public Reconciler(WorkloadRuntime runtime, Function<String, Optional<DeploymentSpec>> specs, StatusSink sink,
            Commit commit, Supplier<JsonObject> capabilities) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.specs = Objects.requireNonNull(specs, "specs");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.commit = Objects.requireNonNull(commit, "commit");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    /** Runs the steps once over {@code state} and returns how far it got. */
    public ReconcileOutcome reconcile(AgentState state) {
        Context context = new Context(state);
        List<String> failed = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        try {
            Set<String> repaired = new HashSet<>();
            for (String id : new TreeSet<>(state.desired().keySet())) {
                Optional<DeploymentRun.Result> repair = repairDrift(context, id);
                repair.ifPresent(result -> collect(id, result, failed, unsettled));
                repair.ifPresent(result -> repaired.add(id));
            }
            for (String id : new TreeSet<>(state.applied().keySet())) {
                if (!state.desired().containsKey(id)) {
                    collect(id, removeDeployment(context, id), failed, unsettled);
                }
            }
            for (String id : new TreeSet<>(state.desired().keySet())) {
                if (!repaired.contains(id)) {
                    collect(id, applyDeployment(context, id), failed, unsettled);
                }
            }
        } catch (PreconditionMissingException e) {
            return new ReconcileOutcome.Stalled(context.state, e.getMessage());
        } catch (IOException e) {
            return new ReconcileOutcome.Stalled(context.state, "could not persist: " + e.getMessage());
        }
        if (!failed.isEmpty()) {
            return new ReconcileOutcome.Degraded(context.state, failed);
        }
        return unsettled.isEmpty() ? new ReconcileOutcome.Converged(context.state)
                : new ReconcileOutcome.Unsettled(context.state, unsettled);
    }

    private static void collect(String id, DeploymentRun.Result result, List<String> failed, List<String> unsettled) {
        switch (result) {
            case FAILED -> failed.add(id);
            case UNSETTLED -> unsettled.add(id);
            case DONE -> { }
        }
    }

    private DeploymentRun.Result removeDeployment(Context context, String id) throws IOException {
        AgentState.Applied have = context.state.applied().get(id);
        DeploymentSpec spec = spec(have.digest(), id);
        // d.4: a removal is reported with the version of the manifest that dropped the deployment.
        long version = context.state.manifest().map(AgentState.Manifest::version).orElse(have.adoptedManifestVersion());
        DeploymentRun run = new DeploymentRun(context, spec, have.digest(), version, Plan.byName(have));
        DeploymentRun.Result result = run.remove();
        if (result == DeploymentRun.Result.DONE) {
            context.removed(id);
        }
        return result;
    }

    private DeploymentRun.Result applyDeployment(Context context, String id) throws IOException {
        AgentState.Desired want = context.state.desired().get(id);
        Optional<AgentState.Applied> have = Optional.ofNullable(context.state.applied().get(id));
        DeploymentSpec spec = spec(want.digest(), id);
        if (have.isPresent() && have.get().digest().equals(want.digest())) {
            return continueDeployment(context, spec, want, have.get());
        }
        Optional<String> refusal = Admission.refusal(spec, context::capabilities);
        if (refusal.isPresent()) {
            return new DeploymentRun(context, spec, want.digest(), want.adoptedManifestVersion(), Map.of())
                    .refuse(NOT_ELIGIBLE, refusal.get());
        }
        Optional<DeploymentSpec> old = have.flatMap(h -> specs.apply(h.digest()));
        if (have.isPresent() && old.isEmpty()) {
            LOG.log(Level.WARNING, "deployment {0}: YAML {1} of the running revision is not available; applying every "
                    + "component and leaving components the update dropped in place", id, have.get().digest());
        }
        if (old.isPresent() && !removeDropped(old.get(), spec)) {
            return DeploymentRun.Result.FAILED;
        }
        Map<String, ComponentStatus> initial = have.isPresent() && old.isPresent()
                ? Plan.unchangedInstalled(old.get(), spec, Plan.byName(have.get())) : Map.of();
        DeploymentRun run = new DeploymentRun(context, spec, want.digest(), want.adoptedManifestVersion(), initial);
        run.announce();
        return run.install();
    }

    private DeploymentRun.Result continueDeployment(Context context, DeploymentSpec spec, AgentState.Desired want,
            AgentState.Applied have) throws IOException {
        DeploymentRun run = new DeploymentRun(context, spec, want.digest(), want.adoptedManifestVersion(),
                Plan.forRetry(have));
        return switch (Plan.of(have)) {
            case CONVERGED -> DeploymentRun.Result.DONE;
            case SETTLE -> run.settle();
            case RETRY -> {
                Optional<String> refusal = Admission.refused(have)
                        ? Admission.refusal(spec, context::capabilities) : Optional.empty();
                if (refusal.isPresent()) {
                    yield Admission.refused(have, refusal.get()) ? DeploymentRun.Result.FAILED
                            : run.refuse(NOT_ELIGIBLE, refusal.get());
                }
                run.announce();
                yield run.install();
            }
        };
    }

    /**
     * Re-applies the components of a converged deployment that the runtime lost or reports failed; empty when the
     * deployment is not converged at its desired digest or nothing drifted.
     */
    private Optional<DeploymentRun.Result> repairDrift(Context context, String id) throws IOException {
        AgentState.Applied have = context.state.applied().get(id);
        if (have == null || !have.digest().equals(context.state.desired().get(id).digest())
                || Plan.of(have) != Plan.CONVERGED) {
            return Optional.empty();
        }
        DeploymentSpec spec = spec(have.digest(), id);
        Map<String, ComponentState> observed;
        try {
            observed = Objects.requireNonNull(runtime.observe(spec), "runtime returned null");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deployment {0}: could not observe the runtime, drift not checked: {1}", id, e);
            return Optional.empty();
        }
        Map<String, String> drifted = Drift.of(spec, observed);
        if (drifted.isEmpty()) {
            return Optional.empty();
        }
        LOG.log(Level.WARNING, "deployment {0} ({1}) drifted: the runtime reports {2} although the agent installed "
                + "them; applying them again", id, spec.name(), drifted);
        Map<String, ComponentStatus> start = Plan.byName(have);
        drifted.keySet().forEach(name -> start.put(name, ComponentStatus.of(name, ComponentState.PENDING)));
        return Optional.of(new DeploymentRun(context, spec, have.digest(), have.adoptedManifestVersion(), start)
                .install());
    }

    private boolean removeDropped(DeploymentSpec old, DeploymentSpec next) {
        for (ComponentSpec component : Plan.dropped(old, next)) {
            ComponentResult result = safely(() -> runtime.remove(old, component, component.timeout()));
            if (!(result instanceof ComponentResult.Done)) {
                LOG.log(Level.WARNING, "deployment {0}: could not remove dropped component {1}: {2}",
                        old.id(), component.name(), result);
                return false;
            }
        }
        return true;
    }

    private DeploymentSpec spec(String digest, String id) throws PreconditionMissingException {
        return specs.apply(digest).orElseThrow(() -> new PreconditionMissingException(
                "deployment " + id + ": YAML " + digest + " is not available"));
    }

    /** Calls the runtime, turning an unexpected exception into a failure (the {@link WorkloadRuntime} contract). */
    static ComponentResult safely(Supplier<ComponentResult> call) {
        try {
            return Objects.requireNonNull(call.get(), "runtime returned null");
        } catch (RuntimeException e) {
            return new ComponentResult.Failed("RUNTIME_ERROR", String.valueOf(e));
        }
    }

    /** The state of one run, shared by its {@link DeploymentRun}s. */
    final class Context {
        private AgentState state;
        private JsonObject capabilitiesDocument;

        Context(AgentState state) {
            this.state = state;
        }

        WorkloadRuntime runtime() {
            return runtime;
        }

        StatusSink sink() {
            return sink;
        }

        /** The capabilities document, read once per run. */
        JsonObject capabilities() throws IOException {
            if (capabilitiesDocument == null) {
                try {
                    capabilitiesDocument = Objects.requireNonNull(capabilities.get(), "no capabilities document");
                } catch (RuntimeException e) {
                    throw new PreconditionMissingException("capabilities unavailable for the eligibility check: " + e);
                }
            }
            return capabilitiesDocument;
        }

        void commit(String deploymentId, AgentState.Applied applied) throws IOException {
            state = state.withApplied(deploymentId, applied);
            commit.save(state);
        }

        void removed(String deploymentId) throws IOException {
            state = state.withoutApplied(deploymentId);
            commit.save(state);
        }

    }

    /**
     * The run cannot go on: a needed YAML is not available (the sync step must fetch it first) or the capabilities
     * document cannot be built.
     */
    private static final class PreconditionMissingException extends IOException {
        private static final long serialVersionUID = 1L;

        PreconditionMissingException(String message) {
            super(message);
        }
    }
}
