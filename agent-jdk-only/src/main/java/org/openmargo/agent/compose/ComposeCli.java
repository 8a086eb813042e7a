package org.openmargo.agent.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one Compose command line. This is the seam between {@link ComposeRuntime} and the operating system; the
 * agent's process runner ({@code org.openmargo.agent.process.CommandRunner}) is adapted to it in one lambda.
 *
 * <p>Contract: returns within {@code timeout} plus the time needed to kill the process tree; never throws for a
 * non-zero exit or a timeout. A process that cannot be started is an {@link Outcome} with exit code 127 and the
 * reason in {@code stderrTail}.
 */
@FunctionalInterface
public interface ComposeCli {

    /**
     * @param argv the full command line, binary first
     * @param environment variables added to the agent's own environment
     * @param timeout after which the process is killed and {@link Outcome#timedOut()} is true
     */
    Outcome run(List<String> argv, Map<String, String> environment, Duration timeout);

    /** Returns a runner built on {@link ProcessBuilder}, keeping the last 4 KiB of stderr. */
    static ComposeCli processes() {
        return new ProcessCli(4096);
    }

    /**
     * What one call did.
     *
     * @param exitCode the exit code; meaningless when {@code timedOut}
     * @param stdout everything written to standard output
     * @param stderrTail the last bytes of standard error, bounded
     * @param timedOut whether the process was killed at the timeout
     * @param took how long the call took
     */
    record Outcome(int exitCode, String stdout, String stderrTail, boolean timedOut, Duration took) {
        public Outcome {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderrTail, "stderrTail");
            Objects.requireNonNull(took, "took");
        }

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }
}
