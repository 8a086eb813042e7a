package org.openmargo.wfm.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.BuiltInWfm;

/**
 * The console on a real WFM, spoken to as a plain HTTP client (no browser): sessions, cookies, CSRF, origin, that its
 * changes are operator API calls audited under the signed-in name, and that the device API listener has no console.
 */
class ConsoleServerTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]{43})\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;
    static BuiltInWfm wfm;

    @BeforeAll
    static void start() throws IOException {
        wfm = BuiltInWfm.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    @Test
    void anyPage_withoutSession_303ToSignIn() throws Exception {
        for (String path : new String[] {"/console", "/console/fleet", "/console/clients/x", "/console/audit"}) {
            HttpResponse<String> res = get(path, null);
            assertThat(res.statusCode()).as(path).isEqualTo(303);
            assertThat(res.headers().firstValue("Location")).as(path).contains("/console/sign-in");
        }
        HttpResponse<String> htmx = send(HttpRequest.newBuilder(uri("/console/fleet")).header("HX-Request", "true"));
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Redirect")).contains("/console/sign-in");
    }

    @Test
    void signIn_wrongToken_401PageAndNoCookie() throws Exception {
        HttpResponse<String> res = post("/console/sign-in", null, "operator=mallory&token=not-the-token");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(res.body()).contains("That is not the operator token.");
    }

    @Test
    void signIn_rightToken_httpOnlySameSiteStrictCookieScopedToConsoleWith256BitId() throws Exception {
        HttpResponse<String> res = signIn("alice");
        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(res.headers().firstValue("Location")).contains("/console/fleet");
        String cookie = res.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("openmargo-console=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly; SameSite=Strict")
                .doesNotContain("Secure");
    }

    @Test
    void change_withoutCsrfToken_403AndNothingChanged() throws Exception {
        String cookie = cookie(signIn("alice"));
        HttpResponse<String> refused = post("/console/clients/no-csrf-1/accept", cookie, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(post("/console/clients/no-csrf-1/accept", cookie, "_csrf=" + "A".repeat(43)).statusCode())
                .isEqualTo(403);
        assertThat(wfm.operator("GET", "/operator/v1/clients/no-csrf-1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void change_withCsrfToken_isAnOperatorApiCallAuditedUnderTheSignedInName() throws Exception {
        String cookie = cookie(signIn("Alice Operator"));
        String csrf = csrf(get("/console/fleet", cookie).body());
        HttpResponse<String> done = post("/console/clients/csrf-ok-1/accept", cookie, "_csrf=" + csrf);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("/console/clients/csrf-ok-1");
        assertThat(wfm.operator("GET", "/operator/v1/audit?target=csrf-ok-1", null).body())
                .contains("\"actor\":\"Alice Operator\"").contains("\"action\":\"client.accept\"");
        assertThat(get("/console/clients/csrf-ok-1", cookie).body()).contains("id=\"standing\">accepted<");
    }

    @Test
    void change_csrfTokenInHtmxHeader_accepted() throws Exception {
        String cookie = cookie(signIn("bob"));
        String csrf = csrf(get("/console/fleet", cookie).body());
        HttpResponse<String> done = send(HttpRequest.newBuilder(uri("/console/clients/htmx-1/accept"))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(done.statusCode()).isEqualTo(303);
    }

    @Test
    void change_fromAnotherOrigin_403EvenWithTheToken() throws Exception {
        String cookie = cookie(signIn("alice"));
        String csrf = csrf(get("/console/fleet", cookie).body());
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/console/clients/origin-1/accept"))
                .header("Cookie", cookie).header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(wfm.operator("GET", "/operator/v1/clients/origin-1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void signOut_thenAnyPage_redirectedToSignIn() throws Exception {
        String cookie = cookie(signIn("alice"));
        String csrf = csrf(get("/console/fleet", cookie).body());
        HttpResponse<String> out = post("/console/sign-out", cookie, "_csrf=" + csrf);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("openmargo-console=;")
                .contains("Expires=Thu, 1 Jan 1970");
        assertThat(get("/console/fleet", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void pages_carryContentSecurityPolicyAndNoStore() throws Exception {
        HttpResponse<String> page = get("/console/sign-in", null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(PageWriter.CSP);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<label for=\"token\">Operator token</label>")
                .doesNotContain("<script>");
        assertThat(get("/console/assets/htmx.min.js", null).body()).contains("htmx");
        assertThat(get("/console/assets/nothing.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void onboarding_createToken_shownOnceWithAgentConfAndEnrollCommand() throws Exception {
        String cookie = cookie(signIn("alice"));
        String csrf = csrf(get("/console/onboarding", cookie).body());
        HttpResponse<String> created = post("/console/onboarding/tokens", cookie,
                "_csrf=" + csrf + "&clientId=line-9&ttl=PT1H");
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher token = Pattern.compile("id=\"new-token\" readonly value=\"([A-Za-z0-9_-]+)\"").matcher(created.body());
        assertThat(token.find()).isTrue();
        assertThat(unescaped(created.body())).contains("trust.discovery-url = https://")
                .contains("openmargo-agent enroll --config agent.conf --token " + token.group(1));
        assertThat(get("/console/onboarding", cookie).body()).contains("line-9").doesNotContain(token.group(1));

        HttpResponse<String> bad = post("/console/onboarding/tokens", cookie, "_csrf=" + csrf + "&clientId=a/b");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"create-error\"");
    }

    @Test
    void targetCount_selectorPosted_liveCountOfMatchingDevicesAndCsrfNeeded() throws Exception {
        HttpClient device = wfm.client(wfm.acceptedClient("count-1"));
        HttpResponse<String> put = device.send(HttpRequest.newBuilder(wfm.device("/api/v1/capabilities/dev-c1"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"properties": {"id": "dev-c1", "vendor": "v", "modelNumber": "m", "serialNumber": "s"},
                         "labels": {"example.com/line": "count-line"}}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        String cookie = cookie(signIn("alice"));
        String csrf = csrf(get("/console/deployments", cookie).body());
        String selector = URLEncoder.encode("{\"matchLabels\": {\"example.com/line\": \"count-line\"}}",
                StandardCharsets.UTF_8);

        HttpResponse<String> counted = post("/console/deployments/preview", cookie,
                "_csrf=" + csrf + "&selector=" + selector + "&app=&version=");
        HttpResponse<String> none = post("/console/deployments/preview", cookie, "_csrf=" + csrf + "&selector="
                + URLEncoder.encode("{\"clients\": [\"nobody\"]}", StandardCharsets.UTF_8));
        HttpResponse<String> unknownVersion = post("/console/deployments/preview", cookie, "_csrf=" + csrf
                + "&selector=" + selector + "&app=no-such-app&version=1.0.0");
        HttpResponse<String> typing = post("/console/deployments/preview", cookie, "_csrf=" + csrf
                + "&selector=%7B%22matchLa");

        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(counted.body()).contains("<strong id=\"target-matching\">1</strong>")
                .doesNotContain("target-placeable");
        assertThat(none.body()).contains("<strong id=\"target-matching\">0</strong>");
        assertThat(unknownVersion.body()).contains("<strong id=\"target-matching\">1</strong>")
                .contains("Placement not checked");
        assertThat(typing.body()).contains("Type a selector");
        assertThat(post("/console/deployments/preview", cookie, "selector=" + selector).statusCode())
                .isEqualTo(403);
        assertThat(get("/console/deployments", cookie).body()).contains("hx-post=\"/console/deployments/preview\"");
    }

    /** A description with two Select settings: a drop-down and a multiselect. */
    static final String SELECT_DEMO = """
            apiVersion: margo.org/v1-alpha1
            kind: ApplicationDescription
            id: select-demo
            metadata:
              name: Select demo
              description: Two Select settings
              version: 1.0.0
              catalog:
                application:
                  tagline: Selects
                organization:
                  - name: OpenMargo
            deploymentProfiles:
              - type: compose
                id: select-demo-compose
                components:
                  - name: app
                    properties:
                      repository: oci://registry.example.com/demo/app
                      revision: 1.0.0
            parameters:
              mode:
                value: fast
                targets:
                  - pointer: MODE
                    components: [app]
              zones:
                value: [north]
                targets:
                  - pointer: ZONES
                    components: [app]
            configuration:
              sections:
                - name: General
                  settings:
                    - parameter: mode
                      name: Mode
                      schema: modes
                    - parameter: zones
                      name: Zones
                      schema: zones
              schema:
                - name: modes
                  dataType: string
                  options: [fast, safe]
                - name: zones
                  dataType: array[string]
                  multiselect: true
                  options: [north, south, east]
            """;

    @Test
    void parameterFields_selectSettings_dropDownAndCheckboxesWithTheSchemasOptions() throws Exception {
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(uri("/operator/v1/apps"))
                .header("Authorization", "Bearer " + wfm.server.operatorToken())
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(SELECT_DEMO)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isIn(200, 201);
        String cookie = cookie(signIn("alice"));

        String fields = get("/console/deployments/parameter-fields?app=select-demo&version=1.0.0", cookie).body();

        assertThat(fields).contains("<select id=\"param-mode\" name=\"param:mode\">"
                        + "<option value=\"fast\" selected>fast</option><option value=\"safe\">safe</option></select>")
                .contains("<input type=\"checkbox\" id=\"param-zones-0\" name=\"param:zones\" value=\"north\" checked>")
                .contains("<input type=\"checkbox\" id=\"param-zones-1\" name=\"param:zones\" value=\"south\">")
                .contains("name=\"kind:zones\" value=\"multi:string\"");
        String csrf = csrf(get("/console/deployments", cookie).body());
        HttpResponse<String> refused = post("/console/deployments", cookie, "_csrf=" + csrf
                + "&name=select-1&app=select-demo&version=1.0.0&selector="
                + URLEncoder.encode("{\"clients\": [\"nobody\"]}", StandardCharsets.UTF_8)
                + "&kind:mode=string&param:mode=slow"
                + "&kind:zones=multi:string&param:zones=west");
        assertThat(refused.statusCode()).as("the catalogue judges the options").isEqualTo(422);
        assertThat(unescaped(refused.body())).contains("parameters.mode").contains("parameters.zones");
    }

    @Test
    void fleet_idleClientThatPolls_lastSeenIsThePollNotStale() throws Exception {
        HttpClient device = wfm.client(wfm.acceptedClient("poller-1"));
        HttpResponse<String> poll = device.send(HttpRequest.newBuilder(wfm.device(
                "/api/v1/deployments")).header("Accept", "application/vnd.margo.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
        String cookie = cookie(signIn("alice"));

        String page = get("/console/fleet?q=poller-1", cookie).body();

        assertThat(page).contains("poller-1").contains("(poll)").doesNotContain("badge failed\">stale");
        assertThat(wfm.operator("GET", "/operator/v1/clients/poller-1", null).body()).contains("\"lastPoll\":\"");
    }

    @Test
    void dotSegmentsOutOfTheConsole_stillNeedTheOperatorToken() throws Exception {
        for (String path : new String[] {"/console/../operator/v1/clients", "/console/assets/../../operator/v1/audit"}) {
            HttpResponse<String> res = get(path, null);
            assertThat(res.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(res.body()).as(path).doesNotContain("\"clients\"").doesNotContain("\"entries\"");
        }
    }

    @Test
    void deviceApiListener_hasNoConsole() throws Exception {
        HttpClient device = wfm.client(wfm.acceptedClient("console-probe"));
        assertThat(wfm.get(device, "/console/sign-in")).isEqualTo(404);
    }

    private static HttpResponse<String> signIn(String name) throws Exception {
        return post("/console/sign-in", null, "operator=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(wfm.server.operatorToken(), StandardCharsets.UTF_8));
    }

    private static String cookie(HttpResponse<String> signedIn) {
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    /** The text a browser shows for Mustache's HTML escapes. */
    private static String unescaped(String html) {
        return html.replace("&#61;", "=").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + wfm.server.operatorPort() + path);
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b);
    }

    private static HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
