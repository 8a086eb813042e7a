package org.openmargo.benchmarks.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509TrustManager;

import org.openmargo.benchmarks.ProcCpu;

/**
 * The fleet simulator (issue 16, part 1): N devices, each with its own client identity and TLS context, polling one
 * or more WFM URLs on a new TLS connection per poll with session resumption, as the agent does (see {@link Device},
 * {@link DeviceTls}). Run by {@code benchmarks/run-fleet.sh}; usage in {@code benchmarks/README.md}.
 *
 * <pre>
 * FleetSim init-ca --dir D [--trust-domain margo.local]          writes D/ca.pem, D/ca.key (the WFM's operator CA)
 * FleetSim issue-server --dir D [--spiffe-id ID]                 writes D/server.pem (chain + key, for HAProxy)
 * FleetSim run --ca D --url https://127.0.0.1:18443[,https://...] --devices 10000 --interval 30 [--jitter 0.1]
 *              [--ramp S] [--warmup S] [--seconds 60] [--capabilities true] [--pid WFM_PID[,PID]] [--proxy-pid PID] [--resume true]
 *              [--operator http://127.0.0.1:18081 --token-file F --changes-per-second 0.5]
 *              [--trust-domain margo.local] [--wfm-id wfm-1] [--max-in-flight 512] [--spread-sources false]
 * </pre>
 * Devices start spread evenly over {@code ramp} seconds (default: one interval) (capabilities, then the first poll), then poll every interval
 * with uniform jitter of +-{@code jitter} x interval. After the ramp and {@code warmup} seconds, one window of
 * {@code seconds} is measured: polls/s, pass latency p50/p99/max, outcomes, errors by kind, the CPU of the given
 * processes per poll from /proc and the simulator's own CPU per poll, and the delay between a pass's scheduled time and
 * its start (which grows when the simulator cannot keep up).
 */
public final class FleetSim {
    private FleetSim() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: FleetSim init-ca|run ... (see benchmarks/README.md)");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "init-ca" -> TestCa.create(Path.of(arg(rest, "--dir", null)), arg(rest, "--trust-domain", "margo.local"));
            case "issue-server" -> TestCa.read(Path.of(arg(rest, "--dir", null))).writeServer(
                    Path.of(arg(rest, "--dir", null)), arg(rest, "--spiffe-id", "spiffe://margo.local/margo/wfm/wfm-1"));
            case "run" -> run(rest);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void run(String[] args) throws Exception {
        TestCa ca = TestCa.read(Path.of(arg(args, "--ca", null)));
        List<URI> urls = Arrays.stream(arg(args, "--url", null).split(",")).map(URI::create).toList();
        int devices = Integer.parseInt(arg(args, "--devices", "1000"));
        double interval = Double.parseDouble(arg(args, "--interval", "30"));
        double jitter = Double.parseDouble(arg(args, "--jitter", "0.1"));
        double ramp = Double.parseDouble(arg(args, "--ramp", String.valueOf(interval)));
        double warmup = Double.parseDouble(arg(args, "--warmup", String.valueOf(interval)));
        boolean capabilities = Boolean.parseBoolean(arg(args, "--capabilities", "true"));
        boolean spread = Boolean.parseBoolean(arg(args, "--spread-sources", "false"));
        double seconds = Double.parseDouble(arg(args, "--seconds", "60"));
        boolean resume = Boolean.parseBoolean(arg(args, "--resume", "true"));
        int maxInFlight = Integer.parseInt(arg(args, "--max-in-flight", "512"));
        String trustDomain = arg(args, "--trust-domain", "margo.local");
        String wfmId = arg(args, "--wfm-id", "wfm-1");
        List<Long> pids = longs(arg(args, "--pid", ""));
        List<Long> proxyPids = longs(arg(args, "--proxy-pid", ""));
        double changesPerSecond = Double.parseDouble(arg(args, "--changes-per-second", "0"));

        List<Device> fleet = issue(ca, devices, trustDomain, wfmId, urls, resume, capabilities, spread);
        Stats starting = new Stats();
        Stats[] current = {starting};
        Semaphore inFlight = new Semaphore(maxInFlight);
        long t0 = System.nanoTime() + 1_000_000_000L;
        long intervalNanos = (long) (interval * 1e9);
        long rampNanos = (long) (ramp * 1e9);
        Thread[] loops = new Thread[devices];
        for (int i = 0; i < devices; i++) {
            Device device = fleet.get(i);
            long first = t0 + rampNanos * i / devices;
            loops[i] = Thread.ofVirtual().start(() -> loop(device, first, intervalNanos, jitter, inFlight, current));
        }
        Thread changes = null;
        AtomicLong changed = new AtomicLong();
        AtomicLong changeFailures = new AtomicLong();
        if (changesPerSecond > 0) {
            URI operator = URI.create(arg(args, "--operator", null));
            String token = Files.readString(Path.of(arg(args, "--token-file", null))).trim();
            changes = Thread.ofPlatform().daemon().start(() -> changes(operator, token, fleet, changesPerSecond,
                    changed, changeFailures));
        }
        sleepUntil(t0 + rampNanos);
        report("ramp (capabilities + first poll, full handshakes)", starting, ramp, pids, proxyPids, null, 0, 0);
        sleepUntil(t0 + rampNanos + (long) (warmup * 1e9));
        Stats window = new Stats();
        Cpu before = Cpu.of(pids, proxyPids);
        long changesBefore = changed.get();
        String loadBefore = ProcCpu.loadAverage();
        long start = System.nanoTime();
        current[0] = window;
        sleepUntil(start + (long) (seconds * 1e9));
        Device.stopping();
        current[0] = new Stats();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "load average at start of window: %s, at end: %s%n", loadBefore,
                ProcCpu.loadAverage());
        report("measured window", window, elapsed, pids, proxyPids, before, changed.get() - changesBefore,
                changeFailures.get());
        for (Thread t : loops) {
            t.interrupt();
        }
        if (changes != null) {
            changes.interrupt();
        }
        System.exit(0);
    }

    private static void loop(Device device, long first, long intervalNanos, double jitter, Semaphore inFlight,
                             Stats[] current) {
        long next = first;
        while (!Thread.currentThread().isInterrupted()) {
            sleepUntil(next);
            long scheduled = next;
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                device.pass(current[0], scheduled);
            } finally {
                inFlight.release();
            }
            double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
            next = Math.max(next + (long) (intervalNanos * factor), System.nanoTime());
        }
    }

    private static List<Device> issue(TestCa ca, int devices, String trustDomain, String wfmId, List<URI> urls,
                                      boolean resume, boolean capabilities, boolean spread) throws Exception {
        long start = System.nanoTime();
        X509TrustManager trust = DeviceTls.trust(ca.certificate());
        SSLParameters parameters = DeviceTls.parameters();
        List<Future<Device>> futures = new ArrayList<>(devices);
        try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            for (int i = 0; i < devices; i++) {
                String clientId = String.format(Locale.ROOT, "sim-%06d", i);
                URI url = urls.get(i % urls.size());
                // Devices have addresses of their own: 127.1.x.y on loopback (all of 127/8 is local on Linux).
                InetAddress source = spread ? InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 250),
                        (byte) (i % 250 + 1)}) : null;
                futures.add(pool.submit(() -> {
                    TestCa.Issued identity = ca.issue("spiffe://" + trustDomain + "/margo/wfm/" + wfmId + "/client/"
                            + clientId, Duration.ofDays(2));
                    return new Device(clientId, identity.svid(), DeviceTls.context(identity, trust,
                            Duration.ofMinutes(30)), parameters, url, source, resume, capabilities);
                }));
            }
        }
        List<Device> fleet = new ArrayList<>(devices);
        for (Future<Device> f : futures) {
            fleet.add(f.get());
        }
        System.out.printf(Locale.ROOT, "issued %d client identities (EC P-256 key + SVID + SSLContext each) in %.1f s%n",
                devices, (System.nanoTime() - start) / 1e9);
        return fleet;
    }

    /** Desired-state changes through the operator API, one random device at a time. */
    private static void changes(URI operator, String token, List<Device> fleet, double perSecond, AtomicLong changed,
                                AtomicLong failures) {
        HttpClient http = HttpClient.newHttpClient();
        long period = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        long revision = 0;
        while (!Thread.currentThread().isInterrupted()) {
            next += period;
            sleepUntil(next);
            Device device = fleet.get(ThreadLocalRandom.current().nextInt(fleet.size()));
            String yaml = """
                    id: %s
                    metadata:
                      name: fleet-sim-app
                      namespace: fleet-sim
                      deviceId: %s
                    spec:
                      applicationId: fleet-sim-app
                      deploymentProfile:
                        type: compose
                        components:
                          - name: fleet-sim-app
                            properties:
                              repository: oci://registry.example/compose/fleet-sim-app
                              revision: 1.0.%d
                    """.formatted(UUID.nameUUIDFromBytes(device.clientId().getBytes(StandardCharsets.UTF_8)),
                    device.clientId(), ++revision);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(operator.resolve(
                                "/operator/v1/clients/" + device.clientId() + "/deployments"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                        .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.statusCode() == 201) {
                    changed.incrementAndGet();
                } else if (failures.incrementAndGet() <= 3) {
                    System.err.println("operator change refused: " + r.statusCode() + " " + r.body());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }
    }

    private record Cpu(long wfm, long jit, long proxy, long self) {
        static Cpu of(List<Long> pids, List<Long> proxyPids) {
            long wfm = 0;
            long jit = 0;
            for (long pid : pids) {
                wfm += read(ProcCpu::total, pid);
                jit += read(ProcCpu::compiler, pid);
            }
            long proxy = 0;
            for (long pid : proxyPids) {
                proxy += read(ProcCpu::total, pid);
            }
            return new Cpu(wfm, jit, proxy, read(ProcCpu::total, ProcessHandle.current().pid()));
        }

        private interface Reading {
            long of(long pid) throws java.io.IOException;
        }

        /** -1 for a process whose {@code /proc} entry cannot be read (it ended), so the report is still printed. */
        private static long read(Reading reading, long pid) {
            try {
                return reading.of(pid);
            } catch (java.io.IOException e) {
                return -1;
            }
        }
    }

    private static void report(String label, Stats s, double elapsed, List<Long> pids, List<Long> proxyPids,
                               Cpu before, long changes, long changeFailures) {
        int passes = s.passes();
        Map<String, Long> counts = s.counts();
        System.out.printf(Locale.ROOT, "%s: %.1f s, %d passes = %.1f polls/s; latency p50 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms; start delay p99 %.2f ms, max %.2f ms%n", label, elapsed, passes,
                passes / elapsed, s.latencyMillis(0.5), s.latencyMillis(0.99), s.latencyMillis(1),
                s.lagMillis(0.99), s.lagMillis(1));
        System.out.println("  outcomes: " + counts + (changes > 0 ? ", operator changes " + changes : "")
                + (changeFailures > 0 ? ", operator changes refused (total) " + changeFailures : ""));
        System.out.println("  errors: " + s.errors());
        if (before != null && passes > 0) {
            Cpu after = Cpu.of(pids, proxyPids);
            System.out.printf(Locale.ROOT, "  CPU per poll: WFM %.3f ms (of which JIT compiler threads %.3f), "
                            + "proxy %.3f ms, simulator %.3f ms; WFM busy %.0f %% of one core, simulator %.0f %%%n",
                    (double) (after.wfm() - before.wfm()) / passes, (double) (after.jit() - before.jit()) / passes,
                    (double) (after.proxy() - before.proxy()) / passes, (double) (after.self() - before.self()) / passes,
                    (after.wfm() - before.wfm()) / elapsed / 10, (after.self() - before.self()) / elapsed / 10);
        }
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private static List<Long> longs(String csv) {
        return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).map(Long::parseLong)
                .toList();
    }

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        if (i >= 0 && i + 1 < args.length) {
            return args[i + 1];
        }
        if (fallback == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return fallback;
    }
}
