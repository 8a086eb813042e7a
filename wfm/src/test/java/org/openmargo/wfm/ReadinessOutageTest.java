package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: a WFM on a PostgreSQL cluster of the test's own (initdb and pg_ctl in a temporary
 * directory, a free port, run as the {@code postgres} OS user when the test runs as root) is ready, turns not ready
 * when the cluster stops under it, and ready again when it is back; each probe answers within a bounded time.
 * Never touches the shared PostgreSQL.
 */
class ReadinessOutageTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readiness_postgresStoppedAndStarted_downThenUpAgain() throws Exception {
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl")),
                "PostgreSQL 15 server binaries are not installed under " + BIN + ": readiness outage not tested");
        Path dir = Files.createTempDirectory("wfm-readiness-pg");
        Path data = dir.resolve("pgdata");
        int port = freePort();
        try {
            if (root()) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            run(pg("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync"));
            startCluster(data, port, dir);
            try (BuiltInWfm wfm = BuiltInWfm.start(dir.resolve("wfm"), Map.of(
                    "wfm.database.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "wfm.database.user", "postgres",
                    "wfm.observe.database-timeout", "PT1S"))) {
                URI ready = URI.create("http://127.0.0.1:" + wfm.server.observePort() + "/observe/health/ready");
                assertThat(status(ready)).isEqualTo(200);

                run(pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
                assertThat(awaitStatus(ready, 503, Duration.ofSeconds(30))).isEqualTo(503);
                long start = System.nanoTime();
                assertThat(status(ready)).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

                startCluster(data, port, dir);
                assertThat(awaitStatus(ready, 200, Duration.ofSeconds(60))).isEqualTo(200);
            }
        } finally {
            new ProcessBuilder(pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "stop"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(30, TimeUnit.SECONDS);
            run(List.of("rm", "-rf", dir.toString()));
        }
    }

    private void startCluster(Path data, int port, Path dir) throws Exception {
        run(pg("pg_ctl", "-D", data.toString(), "-l", dir.resolve("pg.log").toString(), "-w", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"));
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int awaitStatus(URI uri, int wanted, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        int last;
        do {
            last = status(uri);
            if (last == wanted) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        return last;
    }

    private static List<String> pg(String command, String... args) {
        List<String> line = new ArrayList<>();
        if (root()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.add(BIN.resolve(command).toString());
        line.addAll(List.of(args));
        return line;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command.toString()).isTrue();
        assertThat(p.exitValue()).as(command + ": " + out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
