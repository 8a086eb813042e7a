package org.openmargo.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.state.ComponentState;

class HelmRuntimeTest {
    private static final String ID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String CHART = "oci://registry.example.com/charts/web";
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final ComponentSpec WEB = new ComponentSpec("web", CHART, "1.2.3+build.7", true,
            Duration.ofSeconds(510));
    private static final ComponentSpec DB = new ComponentSpec("db", "oci://registry.example.com/charts/db", "2.0.0",
            false, Duration.ofSeconds(60));
    private static final DeploymentSpec SHOP = deployment(Optional.of("shop"), WEB, DB);

    @TempDir
    Path dir;
    private HelmStandIn helm;
    private final CommandRunner runner = new CommandRunner(Duration.ofMillis(400));

    @BeforeEach
    void installStandIn() {
        helm = HelmStandIn.installIn(dir);
    }

    private HelmRuntime runtime() {
        return runtime(Optional.empty(), List.of());
    }

    private HelmRuntime runtime(Optional<Path> kubeconfig, List<String> extraFlags) {
        return new HelmRuntime(new HelmSettings(helm.binary, kubeconfig, extraFlags, Duration.ofSeconds(5), GRACE),
                runner);
    }

    private static DeploymentSpec deployment(Optional<String> namespace, ComponentSpec... components) {
        return new DeploymentSpec(ID, "shop", namespace, "dev-1", DeploymentSpec.ProfileType.HELM, List.of(components),
                Map.of());
    }

    private static String release(ComponentSpec component) {
        return HelmRuntime.releaseName(SHOP, component);
    }

    @Test
    void apply_valuesOfEachType_passesExactArgv() {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        values.put("image.tag", new JsonString("v1,{x}=\\y"));
        values.put("replicaCount", JsonNumber.of(3));
        values.put("ratio", new JsonNumber("1.5"));
        values.put("ingress.enabled", new JsonBool(false));
        values.put("hosts", new JsonArray(List.of(new JsonString("a.example.com"), new JsonString("b,c"))));
        values.put("annotations.prometheus\\.io/scrape", new JsonString("true"));

        HelmRuntime runtime = runtime(Optional.of(Path.of("/etc/margo/kubeconfig")), List.of("--kube-context", "edge"));
        ComponentResult result = runtime.apply(SHOP, WEB, values, WEB.timeout());

        assertThat(result).isEqualTo(new ComponentResult.Done());
        assertThat(helm.onlyCall().args()).containsExactly("upgrade", "--install", release(WEB), CHART,
                "--version", "1.2.3+build.7", "--namespace", "shop", "--create-namespace",
                "--wait", "--timeout", "8m30s",
                "--set-string", "image.tag=v1\\,\\{x}=\\\\y",
                "--set", "replicaCount=3",
                "--set-json", "ratio=1.5",
                "--set", "ingress.enabled=false",
                "--set-json", "hosts=[\"a.example.com\",\"b,c\"]",
                "--set-string", "annotations.prometheus\\.io/scrape=true",
                "--kubeconfig", "/etc/margo/kubeconfig", "--kube-context", "edge");
    }

    @Test
    void apply_waitFalse_omitsWaitButKeepsTimeout() {
        ComponentResult result = runtime().apply(SHOP, DB, Map.of(), Duration.ofHours(1).plusSeconds(5));

        assertThat(result).isEqualTo(new ComponentResult.Done());
        assertThat(helm.onlyCall().args()).containsExactly("upgrade", "--install", release(DB),
                "oci://registry.example.com/charts/db", "--version", "2.0.0", "--namespace", "shop",
                "--create-namespace", "--timeout", "1h0m5s");
    }

    @Test
    void apply_noNamespace_usesDefaultAndLeaksNoEnvironment() {
        runtime().apply(deployment(Optional.empty(), WEB), WEB, Map.of(), WEB.timeout());

        HelmStandIn.Call call = helm.onlyCall();
        assertThat(call.args()).containsSequence("--namespace", "default");
        assertThat(call.env()).isEmpty();
        assertThat(helm.hasRelease("default", release(WEB))).isTrue();
    }

    @Test
    void apply_failingUpgrade_isFailedWithHelmsError() {
        helm.mark("fail-upgrade", "Error: UPGRADE FAILED: failed to create resource: Service \"web\" is invalid\n");

        ComponentResult result = runtime().apply(SHOP, WEB, Map.of(), WEB.timeout());

        assertThat(result).isEqualTo(new ComponentResult.Failed("HELM_UPGRADE_FAILED", "helm upgrade " + release(WEB)
                + " exited with 1: UPGRADE FAILED: failed to create resource: Service \"web\" is invalid"));
    }

    @Test
    void apply_releaseLockedByAnotherOperation_isReleaseBusy() {
        helm.mark("fail-upgrade",
                "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n");

        assertThat(runtime().apply(SHOP, WEB, Map.of(), WEB.timeout())).isInstanceOfSatisfying(
                ComponentResult.Failed.class, f -> assertThat(f.code()).isEqualTo("HELM_RELEASE_BUSY"));
    }

    @Test
    void apply_helmReportsItsOwnTimeout_isTimedOut() {
        helm.mark("fail-upgrade", "Error: UPGRADE FAILED: context deadline exceeded\n");

        assertThat(runtime().apply(SHOP, WEB, Map.of(), WEB.timeout()))
                .isEqualTo(new ComponentResult.TimedOut(WEB.timeout()));
    }

    @Test
    void apply_hangingHelm_isTimedOutWithinTimeoutPlusGrace() {
        helm.mark("hang", "");
        Duration timeout = Duration.ofSeconds(1);

        long start = System.nanoTime();
        ComponentResult result = runtime().apply(SHOP, WEB, Map.of(), timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(new ComponentResult.TimedOut(timeout));
        assertThat(took).isBetween(timeout.plus(GRACE), timeout.plus(GRACE).plusMillis(400 + 600));
        assertThat(helm.onlyCall().args()).containsSequence("--timeout", "1s");
    }

    @Test
    void apply_missingHelm_isUnavailable() {
        HelmRuntime runtime = new HelmRuntime(new HelmSettings(dir.resolve("no-helm"), Optional.empty(), List.of(),
                Duration.ofSeconds(5), GRACE), runner);

        assertThat(runtime.apply(SHOP, WEB, Map.of(), WEB.timeout())).isInstanceOfSatisfying(
                ComponentResult.Failed.class, f -> assertThat(f.code()).isEqualTo("HELM_UNAVAILABLE"));
    }

    @Test
    void apply_pointerWithComma_isFailedWithoutCallingHelm() {
        ComponentResult result = runtime().apply(SHOP, WEB, Map.of("a,b", new JsonString("x")), WEB.timeout());

        assertThat(result).isInstanceOfSatisfying(ComponentResult.Failed.class,
                f -> assertThat(f.code()).isEqualTo("HELM_INVALID_PARAMETER"));
        assertThat(helm.calls()).isEmpty();
    }

    @Test
    void remove_installedRelease_uninstallsWithExactArgv() {
        helm.release("shop", release(WEB), "deployed", "1.2.3+build.7");

        HelmRuntime runtime = runtime(Optional.of(Path.of("/k")), List.of());
        ComponentResult result = runtime.remove(SHOP, WEB, Duration.ofMinutes(2));

        assertThat(result).isEqualTo(new ComponentResult.Done());
        assertThat(helm.onlyCall().args()).containsExactly("uninstall", release(WEB), "--namespace", "shop", "--wait",
                "--timeout", "2m0s", "--kubeconfig", "/k");
        assertThat(helm.hasRelease("shop", release(WEB))).isFalse();
    }

    @Test
    void remove_unknownRelease_isDone() {
        assertThat(runtime().remove(SHOP, DB, DB.timeout())).isEqualTo(new ComponentResult.Done());
        assertThat(helm.onlyCall().args()).containsExactly("uninstall", release(DB), "--namespace", "shop",
                "--timeout", "1m0s");
    }

    @Test
    void remove_helmRejectsCall_isUninstallFailed() {
        ComponentResult result = runtime(Optional.empty(), List.of("--no-such-flag")).remove(SHOP, DB, DB.timeout());

        assertThat(result).isEqualTo(new ComponentResult.Failed("HELM_UNINSTALL_FAILED",
                "helm uninstall " + release(DB) + " exited with 1: unknown flag: --no-such-flag"));
    }

    @Test
    void observe_eachHelmStatus_mapsToComponentState() {
        List<ComponentSpec> components = new ArrayList<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("deployed", "INSTALLED");
        statuses.put("pending-install", "INSTALLING");
        statuses.put("pending-upgrade", "INSTALLING");
        statuses.put("failed", "FAILED");
        statuses.put("uninstalling", "REMOVING");
        statuses.put("uninstalled", "absent");
        statuses.keySet().forEach(s -> components.add(new ComponentSpec(s, CHART, "1.0.0", true, DB.timeout())));
        components.add(new ComponentSpec("missing", CHART, "1.0.0", true, WEB.timeout()));
        DeploymentSpec deployment = deployment(Optional.of("shop"), components.toArray(ComponentSpec[]::new));
        components.stream().filter(c -> statuses.containsKey(c.name())).forEach(c ->
                helm.release("shop", HelmRuntime.releaseName(deployment, c), c.name(), "1.0.0"));

        Map<String, ComponentState> observed = runtime().observe(deployment);

        Map<String, ComponentState> expected = new LinkedHashMap<>();
        statuses.forEach((status, state) -> {
            if (!state.equals("absent")) {
                expected.put(status, ComponentState.valueOf(state));
            }
        });
        assertThat(observed).containsExactlyEntriesOf(expected);
        assertThat(helm.calls().getLast().args()).containsExactly("status",
                HelmRuntime.releaseName(deployment, components.getLast()), "--namespace", "shop", "-o", "json");
    }

    @Test
    void observe_afterApply_seesInstalled() {
        HelmRuntime runtime = runtime();
        runtime.apply(SHOP, WEB, Map.of(), WEB.timeout());

        assertThat(runtime.observe(SHOP)).containsExactlyEntriesOf(Map.of("web", ComponentState.INSTALLED));
    }
}
