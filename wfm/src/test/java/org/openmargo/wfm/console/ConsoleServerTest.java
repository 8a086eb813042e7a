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
