package org.openmargo.agent.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs (helm, docker) with a hard time bound.
 *
 * <p>Contract:
 * <ul>
 *   <li>The program gets a minimal environment: {@code PATH}, {@code HOME} and {@code LANG} of the agent (those that
 *       are set), plus {@link Command#environment()}. Nothing else leaks from the agent's environment.</li>
 *   <li>Standard output and standard error are drained concurrently, so a program writing a lot to either never
 *       blocks. At most {@link #STDOUT_LIMIT} bytes of standard output (the start) and {@link #STDERR_TAIL} bytes of
 *       standard error (the end, where tools put the final error) are kept.</li>
 *   <li>When the timeout elapses the whole process tree gets {@code SIGTERM} (so helm can record the release as
 *       failed rather than leave it pending), and whatever still runs half a grace period later gets {@code SIGKILL}.
 *       {@link #run} returns no later than timeout + grace, even if an escaped grandchild keeps a pipe open.</li>
 *   <li>Failures are results: a program that cannot be started gives exit code {@link CommandResult#NOT_STARTED}
 *       with the reason in {@link CommandResult#stderrTail()}. If the calling thread is interrupted, the tree is
 *       killed, the interrupt flag is restored and the result has exit code -1.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; each run uses two short-lived virtual threads for the output (and one
 * for the input, if any).
 */
public final class CommandRunner {
    /** Bytes of standard output kept: 4 MiB. */
    public static final int STDOUT_LIMIT = 4 * 1024 * 1024;
    /** Bytes at the end of standard error kept: 8 KiB. */
    public static final int STDERR_TAIL = 8 * 1024;
    /** The grace of {@link #CommandRunner()}: two seconds. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

    private final Duration grace;

    /** Returns a runner with {@link #DEFAULT_GRACE}. */
    public CommandRunner() {
        this(DEFAULT_GRACE);
    }

    /**
     * Returns a runner that gives a timed-out program {@code grace} to go: half between {@code SIGTERM} and
     * {@code SIGKILL}, half to collect the output.
     */
    public CommandRunner(Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("grace must be positive: " + grace);
        }
        this.grace = grace;
    }

    /** Runs {@code command} to its end or its timeout; never throws for anything the program does. */
    public CommandResult run(Command command) {
        long start = System.nanoTime();
        Process process;
        try {
            process = builder(command).start();
        } catch (IOException | UnsupportedOperationException e) {
            return new CommandResult(CommandResult.NOT_STARTED, "",
                    "cannot start " + command.argv().getFirst() + ": " + e.getMessage(), false, since(start));
        }
        OutputBuffer stdout = OutputBuffer.head(STDOUT_LIMIT);
        OutputBuffer stderr = OutputBuffer.tail(STDERR_TAIL);
        Thread out = Thread.ofVirtual().start(() -> stdout.drain(process.getInputStream()));
        Thread err = Thread.ofVirtual().start(() -> stderr.drain(process.getErrorStream()));
        feed(process, command);
        boolean timedOut;
        try {
            timedOut = !process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (timedOut) {
                ProcessTree.kill(process, grace.dividedBy(2));
            }
            long collectUntil = start + command.timeout().plus(grace).toNanos();
            join(out, collectUntil);
            join(err, collectUntil);
        } catch (InterruptedException e) {
            ProcessTree.kill(process, Duration.ZERO);
            Thread.currentThread().interrupt();
            return new CommandResult(-1, stdout.text(), stderr.text() + "\n(interrupted)", false, since(start));
        }
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        return new CommandResult(exitCode, stdout.text(), stderr.text(), timedOut, since(start));
    }

    private static ProcessBuilder builder(Command command) {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        Map<String, String> environment = builder.environment();
        environment.clear();
        INHERITED.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        });
        environment.putAll(command.environment());
        command.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        return builder;
    }

    private static void feed(Process process, Command command) {
        OutputStream in = process.getOutputStream();
        if (command.stdin().isEmpty()) {
            close(in);
            return;
        }
        byte[] bytes = command.stdin().get();
        // A separate thread, so a program that does not read its input cannot block the run past its timeout.
        Thread.ofVirtual().name("stdin-", process.pid()).start(() -> {
            try (in) {
                in.write(bytes);
            } catch (IOException e) {
                // The program exited or closed its input early; its exit code tells the rest.
            }
        });
    }

    private static void close(OutputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing to do: the program is already gone.
        }
    }

    private static void join(Thread drainer, long untilNanos) throws InterruptedException {
        long left = Math.max(untilNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
        drainer.join(Duration.ofNanos(left));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
