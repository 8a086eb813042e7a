package org.openmargo.agent.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ComposeCli} on {@link ProcessBuilder}: stdin closed, stdout kept up to {@link #MAX_STDOUT} bytes, the last
 * {@code stderrLimit} bytes of stderr kept; at the timeout the whole process tree is killed.
 */
final class ProcessCli implements ComposeCli {
    static final int MAX_STDOUT = 8 * 1024 * 1024;
    /** How long to wait for the output pipes to drain after the process ended or was killed. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final int stderrLimit;

    ProcessCli(int stderrLimit) {
        this.stderrLimit = stderrLimit;
    }

    @Override
    public Outcome run(List<String> argv, Map<String, String> environment, Duration timeout) {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return new Outcome(127, "", "cannot start " + argv.getFirst() + ": " + e.getMessage(), false, since(start));
        }
        Capture out = Capture.start(process.getInputStream(), MAX_STDOUT, false);
        Capture err = Capture.start(process.getErrorStream(), stderrLimit, true);
        boolean finished = waitFor(process, timeout);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        out.join(DRAIN);
        err.join(DRAIN);
        return new Outcome(finished ? process.exitValue() : -1, out.text(), err.text(), !finished, since(start));
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Reads one stream on a virtual thread, keeping the first (or, for a tail, the last) {@code limit} bytes. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private final boolean tail;
        private Thread reader;

        private Capture(int limit, boolean tail) {
            this.limit = limit;
            this.tail = tail;
        }

        static Capture start(InputStream in, int limit, boolean tail) {
            Capture capture = new Capture(limit, tail);
            capture.reader = Thread.ofVirtual().start(() -> capture.drain(in));
            return capture;
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    keep(buffer, n);
                }
            } catch (IOException e) {
                // The process was killed or closed its end; what was read so far is the output.
            }
        }

        private synchronized void keep(byte[] buffer, int n) {
            if (!tail) {
                kept.write(buffer, 0, Math.min(n, limit - kept.size()));
                return;
            }
            kept.write(buffer, 0, n);
            if (kept.size() > 2 * limit) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - limit, limit);
            }
        }

        void join(Duration bound) {
            try {
                reader.join(bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            byte[] all = kept.toByteArray();
            byte[] shown = all.length > limit ? Arrays.copyOfRange(all, all.length - limit, all.length) : all;
            return new String(shown, StandardCharsets.UTF_8);
        }
    }
}
