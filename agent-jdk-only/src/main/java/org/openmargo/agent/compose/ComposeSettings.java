package org.openmargo.agent.compose;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the agent runs Docker Compose.
 *
 * @param cli the Compose CLI and its dialect ({@link ComposeCli#detect} at start, or configured)
 * @param docker the Docker CLI, used with a V1 Compose CLI to read container states ({@code docker inspect});
 *               default {@code ["docker"]}
 * @param removeVolumesOnRemoval whether removing a deployment also removes its volumes; default {@code false},
 *                               so data survives a removal and a later re-install
 * @param commandGrace how much longer than the component timeout a single CLI call may run before it is killed,
 *                     so Compose can report its own {@code --wait-timeout} failure first; default 15 s
 */
public record ComposeSettings(ComposeCli cli, List<String> docker, boolean removeVolumesOnRemoval,
                              Duration commandGrace) {

    public ComposeSettings {
        Objects.requireNonNull(cli, "cli");
        docker = List.copyOf(docker);
        if (docker.isEmpty()) {
            throw new IllegalArgumentException("docker must name a binary");
        }
        Objects.requireNonNull(commandGrace, "commandGrace");
        if (commandGrace.isNegative()) {
            throw new IllegalArgumentException("commandGrace must not be negative: " + commandGrace);
        }
    }

    /** A V2 CLI at {@code command}, {@code docker} as Docker CLI. */
    public ComposeSettings(List<String> command, boolean removeVolumesOnRemoval, Duration commandGrace) {
        this(new ComposeCli(command, ComposeCli.Dialect.V2, "unknown"), List.of("docker"), removeVolumesOnRemoval,
                commandGrace);
    }

    /** Returns {@code docker compose} (V2), volumes kept on removal, 15 s grace. */
    public static ComposeSettings defaults() {
        return new ComposeSettings(List.of("docker", "compose"), false, Duration.ofSeconds(15));
    }

    /** The Compose command line before the global flags. */
    public List<String> command() {
        return cli.command();
    }
}
