package org.openmargo.agent.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One program run for {@link CommandRunner}.
 *
 * @param argv the program and its arguments, never passed through a shell; the program is looked up through
 *             {@code PATH} unless it contains a {@code /}
 * @param environment variables added to the minimal inherited environment ({@code PATH}, {@code HOME},
 *                    {@code LANG}); an entry here replaces the inherited one of the same name
 * @param workingDirectory where the program starts; the agent's own working directory when empty
 * @param timeout how long the program may run before its process tree is killed; must not be negative
 * @param stdin bytes written to the program's standard input, which is then closed; closed at once when empty
 */
public record Command(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
        Duration timeout, Optional<byte[]> stdin) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        Objects.requireNonNull(stdin, "stdin");
    }

    /** Returns a command with no extra environment, no working directory and no input. */
    public static Command of(List<String> argv, Duration timeout) {
        return new Command(argv, Map.of(), Optional.empty(), timeout, Optional.empty());
    }
}
