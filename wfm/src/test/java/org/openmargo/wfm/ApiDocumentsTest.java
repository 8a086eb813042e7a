package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.apidocs.ApiDocuments;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI documents cannot drift from the live routes, in both directions, for the device API and the
 * operator API:
 * <ul>
 *     <li>every documented path and method, with sample parameter values, is answered by a running WFM with something
 *     other than 405 and the listener's "no endpoint at this path" 404;</li>
 *     <li>every route the listener's resources register (recorded from the same {@link Resources} the server
 *     mounted) matches a documented path, and on every documented path a method that is not documented is
 *     answered 405 or the fallback 404, never served.</li>
 * </ul>
 * A resource added to {@link Resources} therefore only needs its paths added to {@code openapi/*.yaml}.
 */
class ApiDocumentsTest {
    private static final List<Method> METHODS = List.of(Method.GET, Method.PUT, Method.POST, Method.DELETE,
            Method.PATCH);
    private static final Map<String, String> SAMPLES = Map.of("deviceId", "dev-1", "deploymentId", "d-1",
            "digest", "sha256:" + "0".repeat(64), "clientId", "client-1", "tokenId", "0123456789abcdef",
            "appId", "docs-app", "version", "1.0.0", "id", "00000000-0000-4000-8000-000000000000");

    @TempDir
    static Path dir;
    static BuiltInWfm wfm;
    static HttpClient device;
    static final HttpClient plain = HttpClient.newHttpClient();

    /** A documented operation with its path's sample. */
    record Operation(Method method, String template, String sample) {
    }

    @BeforeAll
    static void start() throws Exception {
        wfm = BuiltInWfm.start(dir, Map.of());
        device = wfm.client(wfm.acceptedClient("docs-client"));
    }

    @AfterAll
    static void stop() {
        wfm.close();
    }

    @Test
    void deviceApi_documentAndLiveRoutes_agreeBothWays() throws Exception {
        checkBothWays("device-api", wfm.server.resources().device(), this::deviceCall);
    }

    @Test
    void operatorApi_documentAndLiveRoutes_agreeBothWays() throws Exception {
        // The console (docs/console.md) shares the operator listener but is HTML for browsers, not part of the operator
        // API: a client of it, whose own routes its tests cover.
        checkBothWays("operator-api", wfm.server.resources().operator().stream()
                .filter(r -> !(r instanceof org.openmargo.wfm.console.Console)).toList(), this::operatorCall);
    }

    @Test
    void observeListener_servesTheDocumentsByteForByte() throws Exception {
        for (String name : ApiDocuments.NAMES) {
            HttpResponse<byte[]> res = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + wfm.server.observePort() + "/openapi/" + name + ".yaml")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValue("application/yaml");
            assertThat(res.body()).isEqualTo(ApiDocuments.read(name));
        }
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> send(Method method, String path) throws Exception;
    }

    private void checkBothWays(String document, List<HttpService> resources, Call call) throws Exception {
        List<Operation> documented = operations(document);
        assertThat(documented).as("operations in " + document).isNotEmpty();
        for (Operation op : documented) {
            HttpResponse<String> answer = call.send(op.method(), op.sample());
            assertThat(routed(answer)).as(op.method().text() + " " + op.template() + " (" + op.sample() + ") answered "
                    + answer.statusCode() + " " + answer.body()).isTrue();
        }
        List<HttpRoute> routes = record(resources);
        assertThat(routes).as("routes of " + document).isNotEmpty();
        for (HttpRoute route : routes) {
            assertThat(documented.stream().anyMatch(op -> METHODS.stream().anyMatch(m -> accepts(route, m,
                    op.sample())))).as("a route of " + document + " (" + route + ") matches no documented path; "
                    + "add it to openapi/" + document + ".yaml").isTrue();
        }
        Set<String> samples = new LinkedHashSet<>(documented.stream().map(Operation::sample).toList());
        for (String sample : samples) {
            for (Method m : METHODS) {
                boolean isDocumented = documented.stream().anyMatch(op -> op.sample().equals(sample)
                        && op.method().equals(m));
                if (!isDocumented) {
                    HttpResponse<String> answer = call.send(m, sample);
                    assertThat(routed(answer)).as("undocumented " + m.text() + " " + sample + " is served ("
                            + answer.statusCode() + "); document it in openapi/" + document + ".yaml").isFalse();
                }
            }
        }
    }

    /** Whether a route answered: anything but 405 and the listener's own "no endpoint at this path" 404. */
    private static boolean routed(HttpResponse<String> answer) {
        return answer.statusCode() != 405
                && !(answer.statusCode() == 404 && answer.body().contains("endpoint at this path"));
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(String document) {
        Map<String, Object> doc = new Yaml().load(new String(ApiDocuments.read(document), StandardCharsets.UTF_8));
        List<Operation> ops = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        paths.forEach((template, item) -> ((Map<String, Object>) item).keySet().stream()
                .filter(k -> METHODS.stream().anyMatch(m -> m.text().equalsIgnoreCase(k)))
                .forEach(k -> ops.add(new Operation(Method.create(k.toUpperCase()), template, sample(template)))));
        return ops;
    }

    private static String sample(String template) {
        String path = template;
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path.replaceAll("\\{[^}]+}", "x");
    }

    private static boolean accepts(HttpRoute route, Method method, String path) {
        return route.accepts(HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", method, path, false)).accepted();
    }

    /** The routes the resources register, recorded by rules that mount nothing. */
    private static List<HttpRoute> record(List<HttpService> resources) {
        List<HttpRoute> routes = new ArrayList<>();
        HttpRules recorder = new HttpRules() {
            @Override
            public HttpRules register(HttpService... services) {
                for (HttpService s : services) {
                    s.routing(this);
                }
                return this;
            }

            @Override
            public HttpRules register(String path, HttpService... services) {
                throw new AssertionError("a resource registered services under a path prefix: record it here");
            }

            @Override
            public HttpRules route(HttpRoute route) {
                routes.add(route);
                return this;
            }

            @Override
            public HttpRules route(Supplier<? extends HttpRoute> route) {
                return route(route.get());
            }
        };
        recorder.register(resources.toArray(HttpService[]::new));
        return routes;
    }

    private HttpResponse<String> deviceCall(Method method, String path) throws Exception {
        return device.send(request(wfm.device(path), method).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> operatorCall(Method method, String path) throws Exception {
        // A client per call: an answer that leaves a body unread closes its connection (ConnectionCloseFilter).
        return HttpClient.newHttpClient().send(request(URI.create("http://127.0.0.1:" + wfm.server.operatorPort() + path), method)
                .header("Authorization", "Bearer " + wfm.server.operatorToken()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(URI uri, Method method) {
        boolean body = method.equals(Method.PUT) || method.equals(Method.POST) || method.equals(Method.PATCH);
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method.text(), body ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
    }
}
