package org.openmargo.agent.simulated;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.state.ComponentState;

/**
 * A runtime for demonstrations and fleet simulation ONLY: it installs nothing. Each component "takes" a configured
 * time and fails with a configured probability; what it "installed" is remembered in memory for {@link #observe}.
 * Never the default: it must be chosen with {@code runtime = simulated}.
 */
public final class SimulatedRuntime implements WorkloadRuntime {
    private final Duration stepTime;
    private final double failureRate;
    private final RandomGenerator random;
    private final Map<String, ComponentState> installed = new ConcurrentHashMap<>();

    /**
     * @param stepTime    how long each apply or remove takes (0 for none)
     * @param failureRate probability in [0, 1] that an apply fails
     */
    public SimulatedRuntime(Duration stepTime, double failureRate, RandomGenerator random) {
        if (failureRate < 0 || failureRate > 1 || stepTime.isNegative()) {
            throw new IllegalArgumentException("failure rate must be in [0, 1] and step time not negative");
        }
        this.stepTime = stepTime;
        this.failureRate = failureRate;
        this.random = random;
    }

    @Override
    public ComponentResult apply(DeploymentSpec deployment, ComponentSpec component, Map<String, JsonValue> values,
                                 Duration timeout) {
        if (stepTime.compareTo(timeout) > 0) {
            pause(timeout);
            return new ComponentResult.TimedOut(timeout);
        }
        pause(stepTime);
        if (random.nextDouble() < failureRate) {
            installed.put(key(deployment, component), ComponentState.FAILED);
            return new ComponentResult.Failed("SIMULATED_FAILURE", "simulated failure of " + component.name());
        }
        installed.put(key(deployment, component), ComponentState.INSTALLED);
        return new ComponentResult.Done();
    }

    @Override
    public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
        pause(stepTime.compareTo(timeout) > 0 ? timeout : stepTime);
        installed.remove(key(deployment, component));
        return new ComponentResult.Done();
    }

    @Override
    public Map<String, ComponentState> observe(DeploymentSpec deployment) {
        Map<String, ComponentState> out = new java.util.HashMap<>();
        for (ComponentSpec c : deployment.components()) {
            ComponentState s = installed.get(key(deployment, c));
            if (s != null) {
                out.put(c.name(), s);
            }
        }
        return out;
    }

    private static String key(DeploymentSpec deployment, ComponentSpec component) {
        return deployment.id() + "/" + component.name();
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
