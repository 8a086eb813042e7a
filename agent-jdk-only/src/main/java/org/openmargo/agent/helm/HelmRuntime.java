package org.openmargo.agent.helm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * Runs the components of {@code helm} deployments with the Helm v3 CLI: one release per component, in the
 * deployment's {@code metadata.namespace} ({@code default} when absent), named by {@link #releaseName}.
 *
 * <ul>
 *   <li>apply: {@code helm upgrade --install <release> <repository> --version <revision> --namespace <ns>
 *       --create-namespace [--wait] --timeout <timeout> <values> [--kubeconfig <k>] [extra flags]}. The revision is
 *       always passed. Values are rendered as described in {@code HelmValues}. No {@code --atomic}: a failed release
 *       stays visible as FAILED for the WFM, and the reconciler decides about retries.</li>
 *   <li>remove: {@code helm uninstall <release> --namespace <ns> [--wait] --timeout <timeout> ...}; a release helm
 *       does not know is removed already ({@link ComponentResult.Done}).</li>
 *   <li>observe: {@code helm status <release> --namespace <ns> -o json ...} per component.</li>
 * </ul>
 *
 * <p>Helm's own {@code --timeout} is the call's timeout; the helm process may run {@link HelmSettings#commandGrace()}
 * longer before it is killed, so helm normally reports the timeout itself and records the release as failed. Either
 * way the result is {@link ComponentResult.TimedOut}. Other failures are {@link ComponentResult.Failed} with codes
 * {@code HELM_UPGRADE_FAILED}, {@code HELM_UNINSTALL_FAILED}, {@code HELM_RELEASE_BUSY} (another helm operation holds
 * the release), {@code HELM_UNAVAILABLE} (helm cannot be started) and {@code HELM_INVALID_PARAMETER}; the message
 * carries the end of helm's standard error.
 *
 * <p>Stateless apart from its settings, hence thread-safe; the cluster serialises concurrent helm calls per release.
 */
public final class HelmRuntime implements WorkloadRuntime {
    /** The namespace when the deployment names none. */
    public static final String DEFAULT_NAMESPACE = "default";
    private static final int MESSAGE_LIMIT = 1000;

    private final HelmSettings settings;
    private final CommandRunner runner;

    public HelmRuntime(HelmSettings settings, CommandRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /** Returns the release name of {@code component}: stable, unique per deployment id, valid for Helm. */
    public static String releaseName(DeploymentSpec deployment, ComponentSpec component) {
        return ReleaseName.of(deployment.id(), deployment.name(), component.name());
    }

    @Override
    public ComponentResult apply(DeploymentSpec deployment, ComponentSpec component, Map<String, JsonValue> values,
            Duration timeout) {
        List<String> valueFlags;
        try {
            valueFlags = HelmValues.flags(values);
        } catch (IllegalArgumentException e) {
            return new ComponentResult.Failed("HELM_INVALID_PARAMETER", e.getMessage());
        }
        String release = releaseName(deployment, component);
        List<String> argv = argv("upgrade", "--install", release, component.repository(), "--version",
                component.revision(), "--namespace", namespace(deployment), "--create-namespace");
        addWait(argv, component.waitUntilReady(), timeout);
        argv.addAll(valueFlags);
        CommandResult result = run(argv, timeout.plus(settings.commandGrace()));
        return result.succeeded() ? new ComponentResult.Done()
                : failure(result, "HELM_UPGRADE_FAILED", "upgrade", release, timeout);
    }

    @Override
    public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
        String release = releaseName(deployment, component);
        List<String> argv = argv("uninstall", release, "--namespace", namespace(deployment));
        addWait(argv, component.waitUntilReady(), timeout);
        CommandResult result = run(argv, timeout.plus(settings.commandGrace()));
        if (result.succeeded() || isNotFound(result)) {
            return new ComponentResult.Done();
        }
        return failure(result, "HELM_UNINSTALL_FAILED", "uninstall", release, timeout);
    }

    @Override
    public Map<String, ComponentState> observe(DeploymentSpec deployment) {
        Map<String, ComponentState> states = new LinkedHashMap<>();
        for (ComponentSpec component : deployment.components()) {
            List<String> argv = argv("status", releaseName(deployment, component), "--namespace",
                    namespace(deployment), "-o", "json");
            CommandResult result = run(argv, settings.defaultTimeout());
            // Not found, unreachable cluster, garbage: absent, so the reconciler keeps what it believed.
            if (result.succeeded()) {
                ReleaseStatus.parse(result.stdout()).ifPresent(state -> states.put(component.name(), state));
            }
        }
        return states;
    }

    private static String namespace(DeploymentSpec deployment) {
        return deployment.namespace().filter(ns -> !ns.isBlank()).orElse(DEFAULT_NAMESPACE);
    }

    private List<String> argv(String... words) {
        List<String> argv = new ArrayList<>();
        argv.add(settings.binary().toString());
        argv.addAll(List.of(words));
        return argv;
    }

    private static void addWait(List<String> argv, boolean wait, Duration timeout) {
        if (wait) {
            argv.add("--wait");
        }
        // Also without --wait: it bounds helm's own API calls inside our deadline.
        argv.add("--timeout");
        argv.add(GoDuration.format(timeout));
    }

    private CommandResult run(List<String> argv, Duration bound) {
        List<String> full = new ArrayList<>(argv);
        settings.kubeconfig().ifPresent(k -> {
            full.add("--kubeconfig");
            full.add(k.toString());
        });
        full.addAll(settings.extraFlags());
        return runner.run(new Command(full, Map.of(), Optional.empty(), bound, Optional.empty()));
    }

    private static boolean isNotFound(CommandResult result) {
        return result.exitCode() != CommandResult.NOT_STARTED && !result.timedOut()
                && result.stderrTail().contains("release: not found");
    }

    private static ComponentResult failure(CommandResult result, String code, String verb, String release,
            Duration timeout) {
        String stderr = result.stderrTail();
        if (result.timedOut() || stderr.contains("timed out waiting for the condition")
                || stderr.contains("context deadline exceeded")) {
            return new ComponentResult.TimedOut(timeout);
        }
        if (result.exitCode() == CommandResult.NOT_STARTED) {
            return new ComponentResult.Failed("HELM_UNAVAILABLE", stderr.strip());
        }
        if (stderr.contains("another operation (install/upgrade/rollback) is in progress")) {
            code = "HELM_RELEASE_BUSY";
        }
        return new ComponentResult.Failed(code,
                "helm " + verb + " " + release + " exited with " + result.exitCode() + ": " + readable(stderr));
    }

    /** The end of helm's standard error on one line, without helm's {@code Error: } prefix. */
    static String readable(String stderr) {
        String text = String.join(" ", stderr.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.startsWith("Error: ") ? l.substring("Error: ".length()) : l).toList());
        if (text.isEmpty()) {
            return "(no output on standard error)";
        }
        return text.length() <= MESSAGE_LIMIT ? text : "…" + text.substring(text.length() - MESSAGE_LIMIT + 1);
    }
}
