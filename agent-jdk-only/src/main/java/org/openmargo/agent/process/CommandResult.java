package org.openmargo.agent.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Command} ended.
 *
 * @param exitCode the program's exit status; {@link CommandResult#NOT_STARTED} when it could not be started, and
 *                 whatever the kill left (typically 137 or 143) when it timed out
 * @param stdout standard output decoded as UTF-8, at most {@link CommandRunner#STDOUT_LIMIT} bytes of it from the start
 * @param stderrTail the last {@link CommandRunner#STDERR_TAIL} bytes of standard error decoded as UTF-8; when the
 *                   program could not be started, the reason
 * @param timedOut whether the runner killed the program because its timeout elapsed
 * @param took wall time from start to the result
 */
public record CommandResult(int exitCode, String stdout, String stderrTail, boolean timedOut, Duration took) {
    /** The exit code of a program that could not be started, as a shell reports "command not found". */
    public static final int NOT_STARTED = 127;

    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderrTail, "stderrTail");
        Objects.requireNonNull(took, "took");
    }

    /** Returns {@code true} if the program ran to the end on its own and exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
