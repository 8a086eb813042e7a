package org.openmargo.wfm.operatorapi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.fleet.ClientLabels;
import org.openmargo.wfm.fleet.FleetDeployments;
import org.openmargo.wfm.fleet.FleetPreview;
import org.openmargo.wfm.fleet.ReconcileQueue;
import org.openmargo.wfm.fleet.Reconciler;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.rollout.Rollouts;
import org.openmargo.wfm.testapi.ApiFixture;

/**
 * The fleet resources of the operator API in memory: the real routing with the token and path filters and the error
 * mapping, over the real catalogue (descriptions imported through {@code /operator/v1/apps}), the real fleet and
 * rollout services on H2, and devices registered through the store. The reconciler runs on the request thread here.
 */
@RoutingTest
class FleetApiRoutingTest {
    static final String TOKEN = "operator-token-for-fleet-tests";
    static final ApiFixture FIXTURE = ApiFixture.create();

    private final DirectClient client;

    FleetApiRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        var db = FIXTURE.database;
        ReconcileQueue queue = new ReconcileQueue(new Reconciler(db.transactions(), db.fleet(), db.devices(),
                db.catalogue(), FIXTURE.desiredState));
        db.devices().onChange(c -> queue.client(c, true));
        Rollouts rollouts = new Rollouts(db.transactions(), db.rollouts(), db.fleet(), db.catalogue(), queue,
                new Presence(FIXTURE.clock), FIXTURE.clock, Duration.ofMinutes(5));
        OperatorApi.routing(routing, TOKEN,
                new AppsService(db.catalogue(), FIXTURE.audit, 512 * 1024),
                new FleetDeploymentsService(new FleetDeployments(db.transactions(), db.fleet(), db.catalogue(),
                        queue, FIXTURE.clock), new FleetPreview(db.fleet(), db.devices(), db.catalogue()),
                        FIXTURE.audit),
                new RolloutsService(rollouts, FIXTURE.audit),
                new LabelsService(new ClientLabels(db.transactions(), db.fleet(), queue), FIXTURE.audit),
                new AuditService(FIXTURE.audit));
        for (String client : new String[] {"line-1", "line-2", "line-3"}) {
            device(client, "plant-7", "compose");
        }
        device("helm-only", "plant-7", "helm");
        device("elsewhere", "plant-9", "compose");
    }

    private static void device(String client, String site, String type) {
        FIXTURE.database.devices().put(client, new Capabilities("dev-" + client, true, ("""
                {"properties": {"id": "dev-%s", "vendor": "V", "modelNumber": "M", "serialNumber": "S",
                 "cpus": [{"cores": 4, "architecture": "amd64"}], "memory": "8 Gi", "storage": "64 Gi",
                 "otelCollector": true, "supportedRuntimes": ["oci"], "supportedDeploymentTypes": ["%s"]},
                 "labels": {"example.com/site": "%s"}}""").formatted(client, type, site).getBytes(UTF_8)));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    record Answer(Status status, String contentType, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private void importApps() throws Exception {
        for (String v : new String[] {"1.0.0", "2.0.0"}) {
            Answer a = call(Method.POST, "/operator/v1/apps", "application/yaml",
                    Files.readString(Path.of("..", "examples", "hello-line-" + v + ".yaml")));
            assertThat(a.status().code()).as(a.body()).isIn(200, 201);
        }
    }

    private String create(String name, String selector) throws Exception {
        importApps();
        Answer created = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "%s", "namespace": "demo", "app": "hello-line", "version": "1.0.0",
                 "parameters": {"siteName": "Plant 7"}, "selector": %s}""".formatted(name, selector));
        assertThat(created.status()).as(created.body()).isEqualTo(Status.CREATED_201);
        return created.json().getString("id");
    }

    @Test
    void fleetDeployment_createShowDelete_membersPlacedOrNotPlaceableWithReason() throws Exception {
        long elsewhere = FIXTURE.desiredState.manifest("elsewhere").version();
        String id = create("show-test", "{\"matchLabels\": {\"example.com/site\": \"plant-7\"}}");

        JsonObject shown = call(Method.GET, "/operator/v1/fleet-deployments/" + id, null, null).json();
        assertThat(shown.getString("version")).isEqualTo("1.0.0");
        assertThat(shown.getJsonObject("selector").getJsonObject("matchLabels").getString("example.com/site"))
                .isEqualTo("plant-7");
        var members = shown.getJsonArray("members").stream().map(JsonValue::asJsonObject).toList();
        assertThat(members).extracting(m -> m.getString("clientId"))
                .containsExactly("helm-only", "line-1", "line-2", "line-3");
        assertThat(members.get(0).getString("placement")).isEqualTo("not-placeable");
        assertThat(members.get(0).getString("reason")).contains("compose");
        assertThat(members.get(1).getString("placement")).isEqualTo("placed");
        assertThat(members.get(1).getString("appliedVersion")).isEqualTo("1.0.0");
        assertThat(FIXTURE.desiredState.manifest("line-1").version()).isEqualTo(2);
        assertThat(FIXTURE.desiredState.manifest("elsewhere").version()).as("not targeted").isEqualTo(elsewhere);
        assertThat(call(Method.GET, "/operator/v1/fleet-deployments", null, null).body()).contains(id);

        assertThat(call(Method.DELETE, "/operator/v1/fleet-deployments/" + id, null, null).status())
                .isEqualTo(Status.OK_200);
        Answer gone = call(Method.GET, "/operator/v1/fleet-deployments/" + id, null, null);
        assertThat(gone.status()).isEqualTo(Status.NOT_FOUND_404);
        assertThat(gone.contentType()).isEqualTo("application/problem+json");
        assertThat(FIXTURE.desiredState.manifest("line-1").version()).as("its deployment was removed").isEqualTo(3);
    }

    @Test
    void fleetDeployment_invalidRequest_422NamingEachField() throws Exception {
        importApps();
        Answer bad = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "Not A Label", "namespace": "demo", "app": "hello-line", "version": "1.0.0",
                 "selector": {"matchLabels": {"site": "x"}}}""");
        assertThat(bad.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(bad.contentType()).isEqualTo("application/problem+json");
        assertThat(bad.body()).contains("\"field\":\"name\"");

        Answer selector = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "ok", "app": "hello-line", "version": "1.0.0", "selector": {}}""");
        assertThat(selector.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(selector.body()).contains("must name at least one client, one device or one label term");

        Answer version = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "ok", "app": "hello-line", "version": "9.9.9", "selector": {"clients": ["line-1"]}}""");
        assertThat(version.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(version.body()).contains("\"field\":\"version\"");

        Answer parameter = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "ok", "app": "hello-line", "version": "1.0.0", "selector": {"clients": ["line-1"]},
                 "parameters": {"siteName": "%s"}}""".formatted("x".repeat(46)));
        assertThat(parameter.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(parameter.body()).contains("siteName");

        Answer broken = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", "{\"name\":");
        assertThat(broken.status()).isEqualTo(Status.BAD_REQUEST_400);
        assertThat(call(Method.GET, "/operator/v1/fleet-deployments/not-a-uuid", null, null).status())
                .isEqualTo(Status.BAD_REQUEST_400);
    }

    private static String lockedApp(String version, String region) {
        return """
                apiVersion: margo.org/v1-alpha1
                kind: ApplicationDescription
                id: locked-app
                metadata:
                  name: Locked
                  version: %s
                  catalog:
                    organization:
                      - name: OpenMargo
                deploymentProfiles:
                  - type: compose
                    id: locked-compose
                    components:
                      - name: app
                        properties:
                          repository: oci://registry.example.com/locked
                          revision: %s
                parameters:
                  region:
                    value: %s
                    targets:
                      - pointer: REGION
                        components: [app]
                configuration:
                  sections:
                    - name: General
                      settings:
                        - parameter: region
                          name: Region
                          immutable: true
                          schema: text
                  schema:
                    - name: text
                      dataType: string
                """.formatted(version, version, region);
    }

    @Test
    void immutableSetting_changedByUpdateOrByARolloutsDefault_422() {
        call(Method.POST, "/operator/v1/apps", "application/yaml", lockedApp("1.0.0", "eu"));
        call(Method.POST, "/operator/v1/apps", "application/yaml", lockedApp("2.0.0", "us"));
        Answer created = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "locked", "app": "locked-app", "version": "1.0.0", "selector": {"clients": ["line-1"]}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(Status.CREATED_201);
        String id = created.json().getString("id");

        Answer update = call(Method.PUT, "/operator/v1/fleet-deployments/" + id, "application/json", """
                {"name": "locked", "app": "locked-app", "version": "1.0.0", "selector": {"clients": ["line-1"]},
                 "parameters": {"region": "us"}}""");
        assertThat(update.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(update.body()).contains("\"field\":\"parameters.region\"");

        Answer rollout = call(Method.POST, "/operator/v1/rollouts", "application/json", """
                {"fleetDeployment": "%s", "toVersion": "2.0.0", "waves": [{"percent": 100}]}""".formatted(id));
        assertThat(rollout.status()).as("2.0.0's default would change the immutable region")
                .isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(rollout.body()).contains("\"field\":\"parameters.region\"");
    }

    @Test
    void preview_selectorAndVersion_countsMatchingAndPlaceableCreatingNothing() throws Exception {
        importApps();
        long line1 = FIXTURE.desiredState.manifest("line-1").version();
        int intents = call(Method.GET, "/operator/v1/fleet-deployments", null, null).json()
                .getJsonArray("fleetDeployments").size();

        Answer count = call(Method.POST, "/operator/v1/fleet-previews", "application/json",
                "{\"selector\": {\"matchLabels\": {\"example.com/site\": \"plant-7\"}}}");
        Answer placed = call(Method.POST, "/operator/v1/fleet-previews", "application/json", """
                {"selector": {"matchLabels": {"example.com/site": "plant-7"}}, "app": "hello-line",
                 "version": "1.0.0", "parameters": {"siteName": "Plant 7"}}""");

        assertThat(count.status()).as(count.body()).isEqualTo(Status.OK_200);
        assertThat(count.json().getInt("matching")).isEqualTo(4);
        assertThat(count.json().getInt("matchingClients")).isEqualTo(4);
        assertThat(count.json().getInt("devices")).isGreaterThanOrEqualTo(5);
        assertThat(count.json().containsKey("placeable")).isFalse();
        assertThat(placed.status()).as(placed.body()).isEqualTo(Status.OK_200);
        assertThat(placed.json().getInt("placeable")).isEqualTo(3);
        assertThat(placed.json().getInt("notPlaceableCount")).isEqualTo(1);
        JsonObject not = placed.json().getJsonArray("notPlaceable").getJsonObject(0);
        assertThat(not.getString("clientId")).isEqualTo("helm-only");
        assertThat(not.getString("reason")).contains("compose");
        assertThat(FIXTURE.desiredState.manifest("line-1").version()).as("nothing deployed").isEqualTo(line1);
        assertThat(call(Method.GET, "/operator/v1/fleet-deployments", null, null).json()
                .getJsonArray("fleetDeployments")).hasSize(intents);
    }

    @Test
    void preview_badInput_422NamingTheField() throws Exception {
        importApps();
        Answer noSelector = call(Method.POST, "/operator/v1/fleet-previews", "application/json", "{}");
        Answer versionAlone = call(Method.POST, "/operator/v1/fleet-previews", "application/json",
                "{\"selector\": {\"clients\": [\"line-1\"]}, \"version\": \"1.0.0\"}");
        Answer unknown = call(Method.POST, "/operator/v1/fleet-previews", "application/json",
                "{\"selector\": {\"clients\": [\"line-1\"]}, \"app\": \"hello-line\", \"version\": \"9.9.9\"}");
        Answer badParameter = call(Method.POST, "/operator/v1/fleet-previews", "application/json",
                "{\"selector\": {\"clients\": [\"line-1\"]}, \"app\": \"hello-line\", \"version\": \"1.0.0\", "
                        + "\"parameters\": {\"nope\": 1}}");

        assertThat(noSelector.status().code()).as(noSelector.body()).isEqualTo(422);
        assertThat(noSelector.body()).contains("selector");
        assertThat(versionAlone.status().code()).isEqualTo(422);
        assertThat(versionAlone.body()).contains("\"app\"");
        assertThat(unknown.status().code()).isEqualTo(422);
        assertThat(unknown.body()).contains("not imported");
        assertThat(badParameter.status()).as("a preview reports parameter errors").isEqualTo(Status.OK_200);
        assertThat(badParameter.json().getJsonArray("parameterErrors").toString()).contains("nope");
        assertThat(badParameter.json().containsKey("placeable")).isFalse();
    }

    @Test
    void fleetDeployment_nameTaken_409() throws Exception {
        create("taken", "{\"clients\": [\"line-2\"]}");
        Answer again = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "taken", "app": "hello-line", "version": "1.0.0", "selector": {"clients": ["line-2"]}}""");
        assertThat(again.status()).isEqualTo(Status.CONFLICT_409);
    }

    @Test
    void fleetDeployment_versionChangeByPutDuringARollout_409ProblemNamingIt_byDeviceIdToo() throws Exception {
        String fleet = create("put-during", "{\"devices\": [\"dev-line-1\"]}");
        Answer started = call(Method.POST, "/operator/v1/rollouts", "application/json", """
                {"fleetDeployment": "%s", "toVersion": "2.0.0", "waves": [{"percent": 100}]}""".formatted(fleet));
        assertThat(started.status()).as(started.body()).isEqualTo(Status.CREATED_201);
        String rollout = started.json().getString("id");
        Answer put = call(Method.PUT, "/operator/v1/fleet-deployments/" + fleet, "application/json", """
                {"name": "put-during", "namespace": "demo", "app": "hello-line", "version": "2.0.0",
                 "parameters": {"siteName": "Plant 7"}, "selector": {"devices": ["dev-line-1"]}}""");
        assertThat(put.status()).isEqualTo(Status.CONFLICT_409);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(put.json().getString("detail")).contains(rollout);
        JsonObject shown = call(Method.GET, "/operator/v1/fleet-deployments/" + fleet, null, null).json();
        assertThat(shown.getString("version")).isEqualTo("1.0.0");
        assertThat(shown.getJsonObject("selector").getJsonArray("devices").getString(0)).isEqualTo("dev-line-1");
    }

    @Test
    void fleetDeployment_staged_membersHeld_firstRolloutFromNull() throws Exception {
        importApps();
        Answer created = call(Method.POST, "/operator/v1/fleet-deployments", "application/json", """
                {"name": "first-rollout", "namespace": "demo", "app": "hello-line", "version": "2.0.0",
                 "parameters": {"siteName": "Plant 7"}, "selector": {"clients": ["line-2"]}, "staged": true}""");
        assertThat(created.status()).as(created.body()).isEqualTo(Status.CREATED_201);
        assertThat(created.json().getBoolean("staged")).isTrue();
        String fleet = created.json().getString("id");
        JsonObject shown = call(Method.GET, "/operator/v1/fleet-deployments/" + fleet, null, null).json();
        assertThat(shown.getJsonArray("members").getJsonObject(0).getString("placement")).isEqualTo("held");
        Answer started = call(Method.POST, "/operator/v1/rollouts", "application/json", """
                {"fleetDeployment": "%s", "toVersion": "2.0.0", "waves": [{"percent": 100}]}""".formatted(fleet));
        assertThat(started.status()).as(started.body()).isEqualTo(Status.CREATED_201);
        assertThat(started.json().isNull("fromVersion")).isTrue();
        assertThat(started.json().getString("toVersion")).isEqualTo("2.0.0");
        Answer back = call(Method.POST, "/operator/v1/rollouts/" + started.json().getString("id") + "/rollback",
                null, null);
        assertThat(back.status()).as(back.body()).isEqualTo(Status.CREATED_201);
        assertThat(back.json().isNull("toVersion")).isTrue();
    }

    @Test
    void rollout_startPauseResumeCancelRollback_stateMachineAnd409InTheWrongState() throws Exception {
        String fleet = create("rolling", "{\"clients\": [\"line-3\"]}");
        Answer badWaves = call(Method.POST, "/operator/v1/rollouts", "application/json", """
                {"fleetDeployment": "%s", "toVersion": "2.0.0", "waves": [{"devices": 0}]}""".formatted(fleet));
        assertThat(badWaves.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(badWaves.body()).contains("\"field\":\"waves[0]\"");

        String body = """
                {"fleetDeployment": "%s", "toVersion": "2.0.0", "waves": [{"percent": 100}],
                 "errorThreshold": 0.5, "waveTimeout": "PT5M"}""".formatted(fleet);
        Answer started = call(Method.POST, "/operator/v1/rollouts", "application/json", body);
        assertThat(started.status()).as(started.body()).isEqualTo(Status.CREATED_201);
        String id = started.json().getString("id");
        assertThat(started.json().getString("state")).isEqualTo("running");
        assertThat(call(Method.POST, "/operator/v1/rollouts", "application/json", body).status())
                .isEqualTo(Status.CONFLICT_409);

        JsonObject progress = call(Method.GET, "/operator/v1/rollouts/" + id, null, null).json();
        assertThat(progress.getJsonObject("counts").getInt("pending")).isEqualTo(1);
        assertThat(progress.getJsonArray("waveProgress").getJsonObject(0).getInt("devices")).isEqualTo(1);
        assertThat(progress.getJsonArray("devices").getJsonObject(0).getString("clientId")).isEqualTo("line-3");

        assertThat(call(Method.POST, "/operator/v1/rollouts/" + id + "/pause", null, null).json().getString("state"))
                .isEqualTo("paused");
        assertThat(call(Method.POST, "/operator/v1/rollouts/" + id + "/pause", null, null).status())
                .isEqualTo(Status.CONFLICT_409);
        assertThat(call(Method.POST, "/operator/v1/rollouts/" + id + "/resume", null, null).json().getString("state"))
                .isEqualTo("running");
        Answer unknown = call(Method.POST, "/operator/v1/rollouts/" + id + "/exclusions", "application/json",
                "{\"clientId\": \"line-1\", \"deviceId\": \"nope\"}");
        assertThat(unknown.status()).isEqualTo(Status.NOT_FOUND_404);
        assertThat(call(Method.POST, "/operator/v1/rollouts/" + id + "/cancel", null, null).json().getString("state"))
                .isEqualTo("cancelled");

        Answer back = call(Method.POST, "/operator/v1/rollouts/" + id + "/rollback", null, null);
        assertThat(back.status()).as(back.body()).isEqualTo(Status.CREATED_201);
        assertThat(back.json().getString("toVersion")).isEqualTo("1.0.0");
        assertThat(back.json().getString("rollbackOf")).isEqualTo(id);
        assertThat(call(Method.GET, "/operator/v1/rollouts", null, null).json().getJsonArray("rollouts")).hasSize(2);

        String audit = call(Method.GET, "/operator/v1/audit?limit=50", null, null).body();
        assertThat(audit).contains("\"action\":\"rollout.start\"", "\"action\":\"rollout.pause\"",
                "\"action\":\"rollout.rollback\"", "\"actor\":\"alice\"");
    }

    @Test
    void labels_patchSetsAndRemoves_invalidNamesAndValues422() {
        Answer set = call(Method.PATCH, "/operator/v1/clients/label-client/labels", "application/json",
                "{\"labels\": {\"group\": \"line-7\", \"example.com/site\": \"plant-7\"}}");
        assertThat(set.status()).isEqualTo(Status.OK_200);
        assertThat(set.body()).isEqualTo("{\"clientId\":\"label-client\",\"labels\":{\"example.com/site\":\"plant-7\","
                + "\"group\":\"line-7\"}}");
        assertThat(call(Method.PATCH, "/operator/v1/clients/label-client/labels", "application/json",
                "{\"labels\": {\"group\": null}}").body())
                .isEqualTo("{\"clientId\":\"label-client\",\"labels\":{\"example.com/site\":\"plant-7\"}}");
        assertThat(call(Method.GET, "/operator/v1/labels", null, null).body())
                .contains("\"label-client\":{\"example.com/site\":\"plant-7\"}");

        Answer badName = call(Method.PATCH, "/operator/v1/clients/label-client/labels", "application/json",
                "{\"labels\": {\"-bad-\": \"x\"}}");
        assertThat(badName.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(badName.body()).contains("\"field\":\"name\"");
        Answer badValue = call(Method.PATCH, "/operator/v1/clients/label-client/labels", "application/json",
                "{\"labels\": {\"group\": 7}}");
        assertThat(badValue.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
        assertThat(badValue.body()).contains("\"field\":\"labels.group\"");
        assertThat(call(Method.GET, "/operator/v1/clients/label-client/labels", null, null).body())
                .as("nothing of a refused patch is kept")
                .isEqualTo("{\"clientId\":\"label-client\",\"labels\":{\"example.com/site\":\"plant-7\"}}");
    }

    @Test
    void labels_operatorLabel_makesAnotherSiteJoin() throws Exception {
        String id = create("joining", "{\"matchLabels\": {\"example.com/site\": \"plant-9\"}}");
        assertThat(call(Method.GET, "/operator/v1/fleet-deployments/" + id, null, null).body())
                .contains("\"clientId\":\"elsewhere\"").doesNotContain("\"clientId\":\"line-2\"");
        call(Method.PATCH, "/operator/v1/clients/line-2/labels", "application/json",
                "{\"labels\": {\"example.com/site\": \"plant-9\"}}");
        assertThat(call(Method.GET, "/operator/v1/fleet-deployments/" + id, null, null).body())
                .contains("\"clientId\":\"line-2\"");
        call(Method.PATCH, "/operator/v1/clients/line-2/labels", "application/json",
                "{\"labels\": {\"example.com/site\": null}}");
    }

    @Test
    void openApi_everyDocumentedRouteIsServed_andNoUndocumentedMethodOnThosePaths() throws Exception {
        java.util.Map<String, java.util.Set<String>> documented = new java.util.TreeMap<>();
        String path = null;
        for (String line : Files.readAllLines(Path.of("src", "main", "resources", "openapi", "operator-api.yaml"))) {
            if (line.matches("^  /.*:$")) {
                // The served document holds the whole operator API; this test checks the fleet's part of it.
                boolean fleet = line.matches("^  /operator/v1/(fleet-deployments|fleet-previews|rollouts|labels"
                        + "|clients/\\{clientId}/labels)[^:]*:$");
                path = fleet ? line.strip().replace(":", "") : null;
                if (fleet) {
                    documented.put(path, new java.util.TreeSet<>());
                }
            } else if (path != null && line.matches("^    (get|put|post|patch|delete):.*")) {
                documented.get(path).add(line.strip().split(":")[0].toUpperCase(java.util.Locale.ROOT));
            } else if (!line.startsWith(" ")) {
                path = null;
            }
        }
        assertThat(documented).as("the document lists the fleet routes").hasSize(12);
        String fallback = "There is no operator endpoint at this path.";
        for (var entry : documented.entrySet()) {
            String concrete = entry.getKey().replace("{id}", "00000000-0000-4000-8000-000000000000")
                    .replace("{clientId}", "openapi-client");
            for (String m : java.util.List.of("GET", "PUT", "POST", "PATCH", "DELETE")) {
                boolean body = !m.equals("GET") && !m.equals("DELETE");
                Answer a = call(Method.create(m), concrete, body ? "application/json" : null, body ? "{}" : null);
                if (entry.getValue().contains(m)) {
                    assertThat(a.body()).as(m + " " + entry.getKey() + " is served").doesNotContain(fallback);
                    assertThat(a.status().code()).as(m + " " + entry.getKey()).isLessThan(500);
                } else {
                    assertThat(a.body()).as(m + " " + entry.getKey() + " is not documented, so not served")
                            .contains(fallback);
                }
            }
        }
    }

    private Answer call(Method method, String path, String contentType, String body) {
        int query = path.indexOf('?');
        Http1ClientRequest request = client.method(method).path(query < 0 ? path : path.substring(0, query))
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TOKEN)
                .header(HeaderNames.create("X-Operator-Name"), "alice");
        if (query >= 0) {
            String[] parameter = path.substring(query + 1).split("=", 2);
            request.queryParam(parameter[0], parameter[1]);
        }
        if (contentType != null) {
            request.header(HeaderNames.CONTENT_TYPE, contentType);
        }
        try (Http1ClientResponse res = body == null ? request.request() : request.submit(body)) {
            return new Answer(res.status(), res.headers().first(HeaderNames.CONTENT_TYPE).orElse(""),
                    res.as(String.class));
        }
    }
}
