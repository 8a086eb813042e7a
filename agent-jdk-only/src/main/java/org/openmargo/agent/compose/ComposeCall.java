package org.openmargo.agent.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.process.Command;
import org.openmargo.agent.process.CommandResult;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;

/**
 * The CLI calls of one {@link ComposeRuntime} call, sharing its timeout: each call may run for what is left of it
 * plus {@link ComposeSettings#commandGrace()}, and what it took is subtracted. Not thread-safe; one per runtime call.
 */
final class ComposeCall {
    /** Characters of stderr kept in a failure message: the end, where Compose prints the error. */
    static final int MAX_MESSAGE = 1024;

    private final CommandRunner runner;
    private final ComposeSettings settings;
    private final Path workingDirectory;
    private final Duration timeout;
    private Duration left;

    ComposeCall(CommandRunner runner, ComposeSettings settings, Path workingDirectory, Duration timeout) {
        this.runner = runner;
        this.settings = settings;
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
        this.left = timeout;
    }

    CommandResult outcome(List<String> argv, Map<String, String> environment) {
        CommandResult result = runner.run(new Command(argv, DockerEnvironment.with(environment, System.getenv()),
                Optional.of(workingDirectory), left.plus(settings.commandGrace()), Optional.empty()));
        left = left.minus(result.took());
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        return result;
    }

    CommandResult outcome(List<String> argv) {
        return outcome(argv, Map.of());
    }

    /** What is left of the timeout. */
    Duration left() {
        return left;
    }

    /** The result of running out of time. */
    ComponentResult.TimedOut timedOut() {
        return new ComponentResult.TimedOut(timeout);
    }

    /**
     * Sleeps {@code pause} (at most what is left) and counts it against the timeout.
     *
     * @return false when interrupted (the interrupt flag is set again)
     */
    boolean pause(Duration pause) {
        Duration sleep = pause.compareTo(left) < 0 ? pause : left;
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        left = left.minus(sleep);
        return true;
    }

    /** Runs one call; empty if it succeeded, else the result to return. */
    Optional<ComponentResult> run(List<String> argv, Map<String, String> environment, String verb, String code) {
        CommandResult result = outcome(argv, environment);
        return result.succeeded() ? Optional.empty() : Optional.of(failure(result, verb, code));
    }

    ComponentResult failure(CommandResult result, String verb, String code) {
        // Compose's own --wait-timeout ends in a non-zero exit; past the timeout that is a timeout all the same.
        if (result.timedOut() || left.isZero()) {
            return new ComponentResult.TimedOut(timeout);
        }
        return new ComponentResult.Failed(code, String.join(" ", settings.command()) + " " + verb + " exited with "
                + result.exitCode() + ": " + tail(result.stderrTail()));
    }

    static String tail(String stderr) {
        String text = stderr.strip();
        return text.length() <= MAX_MESSAGE ? text : "…" + text.substring(text.length() - MAX_MESSAGE);
    }
}
