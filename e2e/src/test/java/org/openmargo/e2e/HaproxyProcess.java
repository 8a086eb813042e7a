package org.openmargo.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's package) started on loopback with one of the configurations in {@code packaging/haproxy},
 * unchanged: the values it reads from its environment ({@code OPENMARGO_*}) point it at the test's instances. Runs in
 * the foreground ({@code -db}) as a child process with its log in a file; {@link #close()} stops it by its PID.
 */
final class HaproxyProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private static final Path CONFIGS = Path.of("..").toAbsolutePath().normalize().resolve("packaging/haproxy");

    private final Process process;
    private final Path log;
    final int port;

    private HaproxyProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code packaging/haproxy/<config>} listening on a free loopback port, waits until it accepts
     * connections.
     */
    static HaproxyProcess start(String config, Map<String, String> environment, Path dir)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's haproxy package (.ci/run does)");
        }
        int port = freePort();
        Path log = dir.resolve("haproxy-" + config + ".log");
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-db", "-f",
                CONFIGS.resolve(config).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("OPENMARGO_DEVICE_BIND", "127.0.0.1:" + port);
        HaproxyProcess haproxy = new HaproxyProcess(builder.start(), log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!haproxy.accepting()) {
            if (!haproxy.process.isAlive() || System.nanoTime() > deadline) {
                haproxy.close();
                throw new IllegalStateException("haproxy did not start:\n" + haproxy.log());
            }
            Thread.sleep(50);
        }
        return haproxy;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** What HAProxy logged so far (one line per connection or request). */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
