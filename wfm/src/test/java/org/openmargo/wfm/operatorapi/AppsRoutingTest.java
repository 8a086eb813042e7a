package org.openmargo.wfm.operatorapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.testapi.ApiFixture;

/**
 * The catalogue resource of the operator API in memory: the real routing and filters over the real catalogue on H2,
 * every answer's status, media type and body, hostile bodies, and the audit entries.
 */
@RoutingTest
class AppsRoutingTest {
    static final String TOKEN = "operator-token-for-apps-tests";
    static final ApiFixture FIXTURE = ApiFixture.create();
    static final String DESCRIPTION = """
            apiVersion: margo.org/v1-alpha1
            kind: ApplicationDescription
            id: com-example-web
            metadata:
              name: Web
              version: 1.0.0
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
                      revision: 1.0.0
            parameters:
              port:
                value: 8080
                targets:
                  - pointer: PORT
                    components: [web]
            configuration:
              sections:
                - name: Network
                  settings:
                    - parameter: port
                      name: Port
                      schema: port
              schema:
                - name: port
                  dataType: integer
                  minValue: 1
                  maxValue: 65535
            """;

    private final DirectClient client;

    AppsRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        OperatorApi.routing(routing, TOKEN, new AppsService(FIXTURE.database.catalogue(), FIXTURE.audit, 65536),
                new AuditService(FIXTURE.audit));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    record Answer(Status status, String contentType, String location, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Test
    void import_newThenSameThenChanged_201Then200Then409() {
        String yaml = DESCRIPTION.replace("id: com-example-web", "id: import-web");

        Answer created = call(Method.POST, "/operator/v1/apps", "application/yaml", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(Status.CREATED_201);
        assertThat(created.location()).isEqualTo("/operator/v1/apps/import-web/versions/1.0.0");
        assertThat(created.body()).startsWith("{\"appId\":\"import-web\",\"version\":\"1.0.0\",\"name\":\"Web\","
                + "\"sha256\":\"").endsWith(",\"importedBy\":\"alice\",\"created\":true}");

        Answer same = call(Method.POST, "/operator/v1/apps", "application/x-yaml; charset=utf-8", yaml);
        assertThat(same.status()).isEqualTo(Status.OK_200);
        assertThat(same.location()).isEmpty();
        assertThat(same.body()).endsWith("\"created\":false}");

        Answer changed = call(Method.POST, "/operator/v1/apps", "application/yaml", yaml.replace("name: Web",
                "name: Web 2"));
        assertThat(changed.status()).isEqualTo(Status.CONFLICT_409);
        assertThat(changed.contentType()).isEqualTo("application/problem+json");
        assertThat(changed.body()).contains("import-web@1.0.0 was imported with other bytes");

        assertThat(call(Method.GET, "/operator/v1/audit?limit=5", null, null).body())
                .contains("\"actor\":\"alice\"").contains("\"action\":\"app.import\"")
                .contains("\"target\":\"import-web@1.0.0\"").contains("created=true").contains("created=false");
    }

    @Test
    void import_brokenRules_422ListingEveryField() {
        String yaml = DESCRIPTION.replace("id: com-example-web", "id: Broken_Id")
                .replace("revision: 1.0.0", "revision: latest");

        Answer answer = call(Method.POST, "/operator/v1/apps", "application/yaml", yaml);

        assertThat(answer.status().code()).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"id\"")
                .contains("\"field\":\"deploymentProfiles[0].components[0].properties.revision\"");
    }

    @Test
    void import_hostileBodies_4xxProblems() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ")
                    .repeat(8)).append("*a").append(i - 1).append("]\n");
        }
        byte[] latin1 = DESCRIPTION.replace("name: Web", "name: Wéb").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(call(Method.POST, "/operator/v1/apps", "application/yaml", bomb.toString()).status())
                .isEqualTo(Status.BAD_REQUEST_400);
        assertThat(call(Method.POST, "/operator/v1/apps", "application/yaml", "a: " + "[".repeat(100)).status())
                .isEqualTo(Status.BAD_REQUEST_400);
        assertThat(send(Method.POST, "/operator/v1/apps", "application/yaml", latin1).body())
                .contains("not valid UTF-8");
        assertThat(call(Method.POST, "/operator/v1/apps", "application/yaml", DESCRIPTION.replace("kind:",
                "id: x\nkind:")).body()).contains("duplicate key");
        assertThat(send(Method.POST, "/operator/v1/apps", "application/yaml", new byte[10 << 20]).status())
                .isEqualTo(Status.REQUEST_ENTITY_TOO_LARGE_413);
        assertThat(call(Method.POST, "/operator/v1/apps", "application/json", "{}").status())
                .isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE_415);
        assertThat(call(Method.POST, "/operator/v1/apps", "application/yaml", "").body())
                .contains("must be a YAML mapping");
    }

    @Test
    void listShowDescriptionDelete_readTheCatalogueThenRemoveTheVersion() {
        String yaml = DESCRIPTION.replace("id: com-example-web", "id: show-web");
        call(Method.POST, "/operator/v1/apps", "application/yaml", yaml);
        call(Method.POST, "/operator/v1/apps", "application/yaml", yaml.replace("version: 1.0.0", "version: 1.1.0"));

        assertThat(call(Method.GET, "/operator/v1/apps", null, null).body())
                .contains("{\"appId\":\"show-web\",\"versions\":[{\"appId\":\"show-web\",\"version\":\"1.0.0\"");
        Answer app = call(Method.GET, "/operator/v1/apps/show-web", null, null);
        assertThat(app.body()).contains("\"version\":\"1.0.0\"").contains("\"version\":\"1.1.0\"");
        Answer shown = call(Method.GET, "/operator/v1/apps/show-web/versions/1.1.0", null, null);
        assertThat(shown.status()).isEqualTo(Status.OK_200);
        assertThat(shown.body()).contains("\"profiles\":[{\"type\":\"compose\",\"id\":\"web-compose\"")
                .contains("\"parameters\":{\"port\":{\"value\":8080,\"targets\":[{\"pointer\":\"PORT\","
                        + "\"components\":[\"web\"]}]}}")
                .contains("\"configuration\":{\"sections\":[{\"name\":\"Network\"")
                .contains("{\"name\":\"port\",\"dataType\":\"integer\",\"minValue\":1,\"maxValue\":65535}");
        Answer bytes = call(Method.GET, "/operator/v1/apps/show-web/versions/1.0.0/description", null, null);
        assertThat(bytes.contentType()).isEqualTo("application/yaml");
        assertThat(bytes.bytes()).isEqualTo(yaml.getBytes(StandardCharsets.UTF_8));

        Answer deleted = call(Method.DELETE, "/operator/v1/apps/show-web/versions/1.0.0", null, null);
        assertThat(deleted.body()).isEqualTo("{\"appId\":\"show-web\",\"version\":\"1.0.0\",\"deleted\":true}");
        assertThat(call(Method.DELETE, "/operator/v1/apps/show-web/versions/1.0.0", null, null).status())
                .isEqualTo(Status.NOT_FOUND_404);
        assertThat(call(Method.GET, "/operator/v1/apps/show-web/versions/1.0.0", null, null).status())
                .isEqualTo(Status.NOT_FOUND_404);
        assertThat(call(Method.GET, "/operator/v1/audit?limit=5", null, null).body())
                .contains("\"action\":\"app.delete\",\"target\":\"show-web@1.0.0\"");
    }

    @Test
    void paths_unknownOrMalformed_404Or400() {
        assertThat(call(Method.GET, "/operator/v1/apps/nothing-here", null, null).status())
                .isEqualTo(Status.NOT_FOUND_404);
        assertThat(call(Method.GET, "/operator/v1/apps/Bad_Id", null, null).status())
                .isEqualTo(Status.BAD_REQUEST_400);
        assertThat(call(Method.GET, "/operator/v1/apps/web/versions/.hidden", null, null).status())
                .isEqualTo(Status.BAD_REQUEST_400);
        assertThat(call(Method.GET, "/operator/v1/apps/web/versions/1.0.0/description", null, null).status())
                .isEqualTo(Status.NOT_FOUND_404);
    }

    private Answer call(Method method, String path, String contentType, String body) {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(Method method, String path, String contentType, byte[] body) {
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
                    res.headers().first(HeaderNames.LOCATION).orElse(""), res.as(byte[].class));
        }
    }
}
