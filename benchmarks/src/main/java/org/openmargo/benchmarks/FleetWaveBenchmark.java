package org.openmargo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.Json;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.fleet.FleetDeployments;
import org.openmargo.wfm.fleet.Intent;
import org.openmargo.wfm.fleet.ReconcileQueue;
import org.openmargo.wfm.fleet.Reconciler;
import org.openmargo.wfm.fleet.Selector;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.rollout.Rollouts;
import org.openmargo.wfm.rollout.WaveSize;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/**
 * A rollout wave to a large fleet, not a JMH benchmark (one long operation, timed once): {@code --clients} clients are
 * registered directly through the store (one device each, in the fleet), plus {@code --others} clients outside it; a
 * fleet deployment of version 1.0.0 is created (every fleet client rendered and committed), then a one-wave rollout to
 * 2.0.0 starts (every fleet client rendered again and committed, one transaction and one manifest version each).
 * Meanwhile {@code --pollers} threads poll the other clients' manifests through the {@link ManifestCache} as the device
 * API does (default cache TTL 5 s, so some polls reach the database while the wave writes); their latency is compared
 * with the same polling while nothing else runs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openmargo.benchmarks.FleetWaveBenchmark \
 *     [--clients 10000] [--others 1000] [--pollers 2] [--jdbc-url URL --user U]   # default: H2 in a temp dir
 * </pre>
 * Run from the repository root (it imports {@code examples/hello-line-*.yaml}).
 */
public final class FleetWaveBenchmark {
    private FleetWaveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int clients = Integer.parseInt(o.getOrDefault("clients", "10000"));
        int others = Integer.parseInt(o.getOrDefault("others", "1000"));
        int pollers = Integer.parseInt(o.getOrDefault("pollers", "2"));
        Path tmp = Files.createTempDirectory("fleet-wave");
        String url = o.getOrDefault("jdbc-url", "jdbc:h2:file:" + tmp.resolve("wfm")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        System.out.printf("load average before: %s%n", loadAverage());
        try (Database db = Database.open(new DatabaseSettings(url, o.getOrDefault("user", "sa"),
                o.getOrDefault("password", ""), 10))) {
            for (String v : List.of("1.0.0", "2.0.0")) {
                db.catalogue().importDescription(Files.readAllBytes(Path.of("examples", "hello-line-" + v + ".yaml")),
                        "benchmark");
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < clients + others; i++) {
                String id = (i < clients ? "fleet-" : "other-") + i;
                db.devices().put(id, new Capabilities("dev-" + i, true, capabilities("dev-" + i,
                        i < clients ? "plant-7" : "plant-9")));
            }
            System.out.printf("registered %d clients in %.1f s%n", clients + others, seconds(t0));
            ManifestCache cache = ManifestCache.create(db.desiredState(), Duration.ofSeconds(5), 500_000);
            ReconcileQueue queue = new ReconcileQueue(new Reconciler(db.transactions(), db.fleet(), db.devices(),
                    db.catalogue(), cache));
            Clock clock = Clock.systemUTC();
            FleetDeployments fleet = new FleetDeployments(db.transactions(), db.fleet(), db.catalogue(), queue, clock);
            Rollouts rollouts = new Rollouts(db.transactions(), db.rollouts(), db.fleet(), db.catalogue(), queue,
                    new Presence(clock), clock, Duration.ofMinutes(5));
            for (int i = 0; i < others; i++) {
                cache.manifest("other-" + (clients + i));
            }

            Polls idle = poll(cache, clients, others, pollers, () -> sleep(5_000));
            System.out.printf("polls of other clients, idle:             %s%n", idle);

            long[] deploy = new long[2];
            Polls duringDeploy = poll(cache, clients, others, pollers, () -> {
                long t = System.nanoTime();
                Intent intent = fleet.create(new FleetDeployments.Request("hello-line", "demo",
                        new AppVersion("hello-line", "1.0.0"), Optional.empty(),
                        Map.of("siteName", Json.createValue("Plant 7")),
                        new Selector(Set.of(), Map.of("example.com/site", "plant-7"), List.of()), true), "bench");
                deploy[0] = System.nanoTime() - t;
                long w = System.nanoTime();
                rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Percent(100)), 1.0,
                        0.0, Duration.ofHours(1)), "bench");
                deploy[1] = System.nanoTime() - w;
            });
            long createNanos = deploy[0];
            double waveMillis = deploy[1] / 1e6;
            System.out.printf("fleet deployment 1.0.0 to %d clients (render + commit): %.1f s (%.2f ms per client)%n",
                    clients, createNanos / 1e9, createNanos / 1e6 / clients);
            System.out.printf("rollout wave 1.0.0 -> 2.0.0 to %d clients (render + commit): %.1f s (%.2f ms per "
                    + "client)%n", clients, waveMillis / 1e3, waveMillis / clients);
            System.out.printf("polls of other clients, during both:      %s%n", duringDeploy);
            long moved = 0;
            for (int i = 0; i < clients; i += Math.max(1, clients / 100)) {
                moved += new String(cache.manifest("fleet-" + i).body(), StandardCharsets.UTF_8)
                        .contains("\"manifestVersion\":3") ? 1 : 0;
            }
            System.out.printf("sampled fleet clients at manifest version 3: %d of %d%n", moved,
                    (clients + Math.max(1, clients / 100) - 1) / Math.max(1, clients / 100));
        }
        System.out.printf("load average after: %s%n", loadAverage());
    }

    /** Latency of manifest lookups of random other clients, in microseconds. */
    record Polls(int count, double p50, double p99, double max) {
        @Override
        public String toString() {
            return String.format("%d polls, p50 %.1f us, p99 %.1f us, max %.1f ms", count, p50, p99, max / 1000);
        }
    }

    private static Polls poll(ManifestCache cache, int first, int others, int pollers, Runnable during)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[pollers];
        for (int p = 0; p < pollers; p++) {
            long[] mine = new long[2_000_000];
            samples.add(mine);
            int index = p;
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int n = 0;
                while (!stop.get() && n < mine.length) {
                    String id = "other-" + (first + random.nextInt(others));
                    long s = System.nanoTime();
                    cache.manifest(id).etag();
                    mine[n++] = System.nanoTime() - s;
                    if ((n & 63) == 0) {
                        Thread.onSpinWait();
                        sleepMicros();
                    }
                }
                counts[index] = n;
            });
            threads.add(t);
            t.start();
        }
        during.run();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int p = 0; p < pollers; p++) {
            System.arraycopy(samples.get(p), 0, all, at, counts[p]);
            at += counts[p];
        }
        Arrays.sort(all);
        return new Polls(total, all[total / 2] / 1e3, all[(int) (total * 0.99)] / 1e3, all[total - 1] / 1e3);
    }

    private static byte[] capabilities(String deviceId, String site) {
        return ("{\"properties\":{\"id\":\"" + deviceId + "\",\"vendor\":\"OpenMargo\",\"modelNumber\":\"bench\","
                + "\"serialNumber\":\"" + deviceId + "\",\"cpus\":[{\"cores\":4,\"architecture\":\"amd64\"}],"
                + "\"memory\":\"8 Gi\",\"storage\":\"64 Gi\",\"otelCollector\":true,\"supportedRuntimes\":[\"oci\"],"
                + "\"supportedDeploymentTypes\":[\"compose\"]},\"labels\":{\"example.com/site\":\"" + site + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMicros() {
        try {
            Thread.sleep(0, 100_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
