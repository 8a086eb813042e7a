package org.openmargo.agent.simulated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.state.AtomicFile;
import org.openmargo.agent.state.ComponentState;

/**
 * A runtime for demonstrations and fleet simulation ONLY: it installs nothing. Each component "takes" a configured
 * time and fails with a configured probability; what it "installed" is remembered for {@link #observe}, in memory and,
 * when built with {@link #persistent}, in a file, so that like a real runtime its workloads outlive an agent restart
 * (otherwise every restart would find them absent, re-apply them and report {@code installing} again: a step back at
 * the WFM). Never the default: it must be chosen with {@code runtime = simulated}.
 *
 * <p>The file holds one {@code deploymentId/component<TAB>STATE} line per component; an unreadable file is logged
 * and treated as empty (the agent then re-applies, as after a runtime reset).
 */
public final class SimulatedRuntime implements WorkloadRuntime {
    private final Duration stepTime;
    private final double failureRate;
    private final RandomGenerator random;
    private final Map<String, ComponentState> installed = new ConcurrentHashMap<>();
    private final Optional<AtomicFile> file;

    /**
     * @param stepTime    how long each apply or remove takes (0 for none)
     * @param failureRate probability in [0, 1] that an apply fails
     */
    public SimulatedRuntime(Duration stepTime, double failureRate, RandomGenerator random) {
        this(stepTime, failureRate, random, Optional.empty());
    }

    private SimulatedRuntime(Duration stepTime, double failureRate, RandomGenerator random,
                             Optional<AtomicFile> file) {
        if (failureRate < 0 || failureRate > 1 || stepTime.isNegative()) {
            throw new IllegalArgumentException("failure rate must be in [0, 1] and step time not negative");
        }
        this.stepTime = stepTime;
        this.failureRate = failureRate;
        this.random = random;
        this.file = file;
    }

    /**
     * As the constructor, remembering what is "installed" in {@code file} across restarts.
     *
     * @throws IOException if the file's directory cannot be created
     */
    public static SimulatedRuntime persistent(Duration stepTime, double failureRate, RandomGenerator random,
                                              Path file) throws IOException {
        SimulatedRuntime runtime = new SimulatedRuntime(stepTime, failureRate, random,
                Optional.of(AtomicFile.open(file)));
        runtime.load();
        return runtime;
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
            return saved(new ComponentResult.Failed("SIMULATED_FAILURE", "simulated failure of " + component.name()));
        }
        installed.put(key(deployment, component), ComponentState.INSTALLED);
        return saved(new ComponentResult.Done());
    }

    @Override
    public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
        pause(stepTime.compareTo(timeout) > 0 ? timeout : stepTime);
        installed.remove(key(deployment, component));
        return saved(new ComponentResult.Done());
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

    /** {@code result} once the file holds what is installed now; a failed write is a failure, as in a real runtime. */
    private ComponentResult saved(ComponentResult result) {
        if (file.isEmpty()) {
            return result;
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(installed).forEach((key, state) -> text.append(key).append('\t').append(state.name())
                .append('\n'));
        try {
            file.get().write(text.toString().getBytes(StandardCharsets.UTF_8));
            return result;
        } catch (IOException e) {
            return new ComponentResult.Failed("SIMULATED_STORE", "could not record the simulated runtime: " + e);
        }
    }

    private void load() {
        try {
            Optional<byte[]> bytes = file.orElseThrow().read();
            if (bytes.isEmpty()) {
                return;
            }
            for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    installed.put(line.substring(0, tab), ComponentState.valueOf(line.substring(tab + 1)));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            installed.clear();
            System.getLogger(SimulatedRuntime.class.getName()).log(System.Logger.Level.WARNING,
                    "simulated runtime: " + file.orElseThrow().path() + " unreadable, starting empty: " + e);
        }
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
