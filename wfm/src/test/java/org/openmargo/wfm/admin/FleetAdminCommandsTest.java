package org.openmargo.wfm.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.BuiltInWfm;

/**
 * {@code wfm admin fleet|rollout|labels} against a real WFM (built-in identity service, H2) with two devices that
 * registered their capabilities over mTLS: human tables, {@code --json}, and the exit codes of the CLI.
 */
class FleetAdminCommandsTest {
    @TempDir
    static Path dir;
    private static BuiltInWfm wfm;

    record Run(int exit, String out, String err) {
        JsonObject json() {
            return Json.createReader(new StringReader(out)).readObject();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        wfm = BuiltInWfm.start(dir.resolve("data"), Map.of("wfm.fleet.rollout-interval", "PT0.2S"));
        for (String client : new String[] {"press-1", "press-2"}) {
            HttpClient http = wfm.client(wfm.acceptedClient(client));
            String caps = """
                    {"properties": {"id": "dev-%s", "vendor": "V", "modelNumber": "M", "serialNumber": "S",
                     "cpus": [{"cores": 2, "architecture": "amd64"}], "memory": "4 Gi", "storage": "32 Gi",
                     "otelCollector": false, "supportedRuntimes": ["oci"], "supportedDeploymentTypes": ["compose"],
                     "peripherals": [], "interfaces": [{"type": "ethernet"}]},
                     "labels": {"example.com/site": "plant-7"}}""".formatted(client);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(wfm.device("/api/v1/capabilities/dev-"
                    + client)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(caps)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    private static Run admin(String... command) {
        String[] args = new String[command.length + 6];
        System.arraycopy(new String[] {"--url", "http://127.0.0.1:" + wfm.server.operatorPort(), "--token-file",
                dir.resolve("data/operator-token").toString(), "--as", "erin"}, 0, args, 0, 6);
        System.arraycopy(command, 0, args, 6, command.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fleetAndRollout_fromCreateToRollback_tablesAndJson() throws Exception {
        for (String v : new String[] {"1.0.0", "2.0.0"}) {
            Run imported = admin("apps", "import", Path.of("..", "examples", "hello-line-" + v + ".yaml").toString());
            assertThat(imported.exit()).as(imported.err()).isZero();
        }
        Run created = admin("fleet", "create", "--name", "hello-line", "--namespace", "demo", "--app", "hello-line",
                "--version", "1.0.0", "--match", "example.com/site=plant-7", "--param", "siteName=Plant 7", "--json");
        assertThat(created.exit()).as(created.err()).isZero();
        String fleetId = created.json().getString("id");
        assertThat(created.json().getJsonObject("parameters").getString("siteName")).isEqualTo("Plant 7");

        Run list = admin("fleet", "list");
        assertThat(list.out()).startsWith("ID").contains("hello-line  hello-line  1.0.0");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Run show = admin("fleet", "show", fleetId);
        while (!show.out().contains("press-2")) { // the reconciler runs off the request thread
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
            show = admin("fleet", "show", fleetId);
        }
        assertThat(show.out()).contains("CLIENT   DEVICE", "press-1  dev-press-1  1.0.0    1.0.0    placed");

        Run rollout = admin("rollout", "start", "--fleet", fleetId, "--to", "2.0.0", "--waves", "1,100%",
                "--timeout", "PT1S", "--json");
        assertThat(rollout.exit()).as(rollout.err()).isZero();
        String rolloutId = rollout.json().getString("id");
        assertThat(rollout.json().getJsonArray("waves").toString()).isEqualTo("[{\"devices\":1},{\"percent\":100}]");

        // No device reports: the canary wave times out and the engine pauses the rollout.
        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!admin("rollout", "show", rolloutId, "--json").json().getString("state").equals("paused")) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(200);
        }
        Run shown = admin("rollout", "show", rolloutId);
        assertThat(shown.out()).contains("paused, wave 0 (wave 0 timed out after PT1S")
                .contains("WAVE  DEVICES  WAITING  PENDING")
                .contains("press-1  dev-press-1  0     pending")
                .contains("press-2  dev-press-2  1     waiting");
        assertThat(admin("rollout", "pause", rolloutId).exit()).as("a paused rollout cannot pause").isEqualTo(1);
        Run excluded = admin("rollout", "exclude", rolloutId, "--client", "press-1", "--device", "dev-press-1");
        assertThat(excluded.out()).isEqualTo("Device dev-press-1 of client press-1 excluded from rollout " + rolloutId
                + ".\n");
        Run back = admin("rollout", "rollback", rolloutId);
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).contains("(2.0.0 -> 1.0.0) is running.");
        assertThat(admin("rollout", "list").out()).contains("cancelled", "rolled back", "running");
        assertThat(admin("audit", "--limit", "20").out()).contains("rollout.rollback", "erin");
    }

    @Test
    void labels_setShowRemove_table() {
        assertThat(admin("labels", "set", "press-9", "group=line-7", "example.com/line=packaging").exit()).isZero();
        assertThat(admin("labels", "show", "press-9").out()).isEqualTo("""
                CLIENT   LABEL             VALUE
                press-9  example.com/line  packaging
                press-9  group             line-7
                """);
        assertThat(admin("labels", "remove", "press-9", "group").exit()).isZero();
        assertThat(admin("labels", "list").out()).contains("press-9  example.com/line  packaging")
                .doesNotContain("line-7");
    }

    @Test
    void fleetCreate_devicesOption_sendsDeviceIdsToTheApi() {
        Run bad = admin("fleet", "create", "--name", "by-device", "--app", "hello-line", "--version", "1.0.0",
                "--devices", "dev-press-2, bad id");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("selector.devices[1]").doesNotContain("selector.devices[0]");
    }

    @Test
    void wrongCommandLines_exit2() {
        assertThat(admin("fleet", "create", "--app", "x").exit()).isEqualTo(2);
        assertThat(admin("rollout", "start", "--fleet", "not-an-id", "--to", "2", "--waves", "1").exit())
                .isEqualTo(2);
        assertThat(admin("rollout", "start", "--fleet", "00000000-0000-4000-8000-000000000000", "--to", "2",
                "--waves", "ten").exit()).isEqualTo(2);
        assertThat(admin("labels", "set", "press-9", "novalue").exit()).isEqualTo(2);
        Run unknown = admin("rollout", "show", "00000000-0000-4000-8000-000000000000");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("(HTTP 404)");
    }
}
