package org.openmargo.agent.runtime;

import java.time.Duration;
import java.util.Map;

import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.state.ComponentState;

/**
 * Installs, upgrades and removes the components of a deployment on one kind of runtime (Helm, Compose). The
 * {@link Reconciler} calls it one component at a time, from one thread, and decides order, retries and reporting.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Calls block until the outcome is known and must return within the given timeout (plus a small grace period
 *       for clean-up); the reconciler itself never sleeps or waits.</li>
 *   <li>Calls are idempotent: applying a component that already runs that revision with those values, or removing one
 *       that is gone, is {@link ComponentResult.Done}. After a crash the reconciler repeats the interrupted call.</li>
 *   <li>Failures are results, not exceptions. An unexpected {@link RuntimeException} is turned into
 *       {@link ComponentResult.Failed} with code {@code RUNTIME_ERROR}.</li>
 * </ul>
 */
public interface WorkloadRuntime {

    /**
     * Installs or upgrades {@code component} of {@code deployment} to its repository and revision with
     * {@code values}. If {@link ComponentSpec#waitUntilReady()} is true, returns {@link ComponentResult.Done} only once the
     * component is ready (Helm: release deployed and its resources ready; Compose: all containers running); if false,
     * as soon as the runtime accepted the change, and readiness is later read through {@link #observe}.
     *
     * @param values parameter values for this component keyed by pointer ({@link DeploymentSpec#valuesFor})
     * @param timeout how long the call may take: {@link ComponentSpec#timeout()}
     */
    ComponentResult apply(DeploymentSpec deployment, ComponentSpec component, Map<String, JsonValue> values,
            Duration timeout);

    /**
     * Removes {@code component} of {@code deployment} and everything it created.
     *
     * @param timeout how long the call may take
     */
    ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout);

    /**
     * Returns what the runtime currently sees for the components of {@code deployment}: {@code INSTALLED} when ready,
     * {@code INSTALLING} while starting, {@code FAILED} when broken. Components the runtime does not know are absent.
     * Must not change anything.
     */
    Map<String, ComponentState> observe(DeploymentSpec deployment);
}
