package org.openmargo.agent.compose;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the agent runs Docker Compose.
 *
 * @param command the Compose command line before the global flags; default {@code ["docker", "compose"]}. Any
 *                binary that speaks the Compose v2 CLI ({@code -p}, {@code -f oci://…}, {@code up --wait}) fits,
 *                for example {@code ["docker-compose"]} or {@code ["podman", "compose"]}
 * @param removeVolumesOnRemoval whether removing a deployment also removes its volumes; default {@code false},
 *                               so data survives a removal and a later re-install
 * @param commandGrace how much longer than the component timeout a single CLI call may run before it is killed,
 *                     so Compose can report its own {@code --wait-timeout} failure first; default 15 s
 */
public record ComposeSettings(List<String> command, boolean removeVolumesOnRemoval, Duration commandGrace) {

    public ComposeSettings {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a binary");
        }
        Objects.requireNonNull(commandGrace, "commandGrace");
        if (commandGrace.isNegative()) {
            throw new IllegalArgumentException("commandGrace must not be negative: " + commandGrace);
        }
    }

    /** Returns {@code docker compose}, volumes kept on removal, 15 s grace. */
    public static ComposeSettings defaults() {
        return new ComposeSettings(List.of("docker", "compose"), false, Duration.ofSeconds(15));
    }
}
