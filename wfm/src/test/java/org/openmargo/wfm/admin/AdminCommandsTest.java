package org.openmargo.wfm.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;

/** {@code wfm admin} commands against a real WFM that is its own identity service. */
class AdminCommandsTest {
    @TempDir
    static Path dir;
    private static WfmServer wfm;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws IOException {
        wfm = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(Map.of(
                "wfm.data-dir", dir.resolve("data").toString(),
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.operator.port", "0",
                "wfm.observe.port", "0"))), "test"));
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    private static Run admin(String... command) {
        String[] args = new String[command.length + 6];
        System.arraycopy(new String[] {"--url", "http://127.0.0.1:" + wfm.operatorPort(), "--token-file",
                dir.resolve("data/operator-token").toString(), "--as", "dana"}, 0, args, 0, 6);
        System.arraycopy(command, 0, args, 6, command.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void caRotate_stageThenOutOfOrderStage_showsTwoAnchorsThenExit1WithConflict() {
        Run shown = admin("ca", "show");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("\"bundleSequence\": 1").contains("\"state\": \"active\"")
                .contains("\"algorithm\": \"ES256\"");

        Run staged = admin("ca", "rotate", "stage");
        assertThat(staged.exit()).as(staged.err()).isZero();
        assertThat(staged.out()).contains("\"bundleSequence\": 2").contains("\"state\": \"next\"");

        Run again = admin("ca", "rotate", "stage");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("wfm admin: Conflict: ").endsWith("(HTTP 409)\n");

        Run audit = admin("audit", "--limit", "5");
        assertThat(audit.out()).contains("ca.rotate").contains("dana");
    }

    @Test
    void discovery_printsTheDocumentAndTheMisPin() {
        Run run = admin("discovery");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("https://localhost:" + wfm.misPort() + "/.well-known/margo")
                .contains("\"trustDomain\": \"margo.local\"")
                .contains("\"enrollUri\": \"https://localhost:" + wfm.misPort() + "/x-openmargo/enrollment/v1/enroll\"")
                .containsPattern("trust.pins = sha256:[0-9a-f]{64}");
    }

    @Test
    void deployments_putShowRemove_roundTripThroughTheOperatorApi() {
        Path yaml = Path.of("../examples/hello-deployment.yaml").toAbsolutePath();

        Run put = admin("deployments", "put", "--client", "line7", "--file", yaml.toString());
        assertThat(put.exit()).as(put.err()).isZero();
        java.util.regex.Matcher stored = java.util.regex.Pattern.compile(
                "Deployment (\\S+) \\(sha256:[0-9a-f]{64}\\) stored for client 'line7'; manifest version (\\d+)\\.\n")
                .matcher(put.out());
        assertThat(stored.matches()).as(put.out()).isTrue();
        assertThat(admin("clients", "show", "line7").out()).contains("\"name\": \"hello-line\"");

        Run removed = admin("deployments", "remove", "--client", "line7", stored.group(1));
        assertThat(removed.out()).isEqualTo("Deployment " + stored.group(1) + " removed from client"
                + " 'line7'; manifest version " + (Long.parseLong(stored.group(2)) + 1) + ".\n");
        assertThat(admin("deployments", "put", "--client", "line7", "--file", dir.resolve("missing.yaml").toString())
                .exit()).isEqualTo(1);
    }

    @Test
    void apps_importListShowDelete_tablesJsonAndExitCodes() throws IOException {
        Path file = dir.resolve("web.yaml");
        java.nio.file.Files.writeString(file, """
                apiVersion: margo.org/v1-alpha1
                kind: ApplicationDescription
                id: cli-web
                metadata:
                  name: Web
                  version: 2.0.0
                  catalog:
                    organization:
                      - name: Example
                deploymentProfiles:
                  - type: compose
                    id: web-compose
                    components:
                      - name: web
                        properties:
                          repository: oci://registry.example/compose/web
                          revision: 2.0.0
                parameters:
                  port:
                    targets:
                      - pointer: PORT
                        components: [web]
                """);

        Run imported = admin("apps", "import", file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("Imported cli-web 2.0.0 (Web), sha256 ");
        assertThat(admin("apps", "import", file.toString()).out()).startsWith("Already imported (same bytes)");
        assertThat(admin("apps", "list").out()).startsWith("APP ").contains("cli-web  2.0.0    Web ")
                .contains(" dana\n");
        assertThat(admin("apps", "show", "cli-web").out()).startsWith("VERSION").contains("2.0.0");
        assertThat(admin("apps", "show", "cli-web", "2.0.0").out())
                .contains("PROFILE      TYPE     COMPONENTS\nweb-compose  compose  web\n")
                .contains("PARAMETER  DEFAULT           TARGETS\nport       (none: required)  1\n");
        assertThat(admin("apps", "show", "cli-web", "2.0.0", "--json").out()).contains("\"appId\": \"cli-web\"");

        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("revision: 2.0.0",
                "revision: two"));
        Run invalid = admin("apps", "import", file.toString());
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("deploymentProfiles[0].components[0].properties.revision: must match")
                .endsWith("(HTTP 422)\n");

        assertThat(admin("apps", "delete", "cli-web").exit()).isEqualTo(2);
        assertThat(admin("apps", "show", "Not_An_Id").exit()).isEqualTo(2);
        Run deleted = admin("apps", "delete", "cli-web", "2.0.0");
        assertThat(deleted.out()).isEqualTo("Deleted cli-web 2.0.0 from the catalogue.\n");
        assertThat(admin("apps", "delete", "cli-web", "2.0.0").exit()).isEqualTo(1);
        assertThat(admin("audit", "--limit", "3").out()).contains("app.delete").contains("cli-web@2.0.0");
    }
}
