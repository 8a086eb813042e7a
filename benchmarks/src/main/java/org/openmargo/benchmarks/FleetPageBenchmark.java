package org.openmargo.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;

/**
 * The fleet overview with {@code clients} accepted clients in a WFM on H2, over loopback HTTP: a 25-client page of
 * the operator API ({@code GET /operator/v1/clients?offset&limit=25}), the console's fleet page (which makes that
 * call and renders the HTML), and the baseline a page without paging would cost: every client described
 * ({@code GET /operator/v1/clients}). The claim under test is that a page costs about the same with 1,000 and 10,000
 * clients (only three id-only queries grow with the fleet).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FleetPageBenchmark {
    @Param({"1000", "10000"})
    public int clients;

    private Path dir;
    private WfmServer wfm;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String base;
    private String cookie;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("bench-fleet");
        wfm = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(Map.of(
                "wfm.data-dir", dir.toString(),
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.operator.port", "0",
                "wfm.observe.port", "0"))), "benchmark"));
        for (int i = 0; i < clients; i++) {
            wfm.identity().policy().accept(String.format("line-%05d", i));
        }
        base = "http://127.0.0.1:" + wfm.operatorPort();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("operator=bench&token="
                        + URLEncoder.encode(wfm.operatorToken(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        wfm.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void apiPage(Blackhole bh) throws Exception {
        bh.consume(get("/operator/v1/clients?limit=25&offset=" + offset(), false));
    }

    @Benchmark
    public void consoleFleetPage(Blackhole bh) throws Exception {
        bh.consume(get("/console/fleet?page=" + (offset() / 25 + 1), true));
    }

    @Benchmark
    public void naiveEveryClient(Blackhole bh) throws Exception {
        bh.consume(get("/operator/v1/clients", false));
    }

    private int offset() {
        next = (next + 7919) % clients;
        return next - next % 25;
    }

    private String get(String path, boolean console) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (console) {
            request.header("Cookie", cookie);
        } else {
            request.header("Authorization", "Bearer " + wfm.operatorToken());
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode());
        }
        return answer.body();
    }
}
