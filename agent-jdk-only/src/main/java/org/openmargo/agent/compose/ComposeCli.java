package org.openmargo.agent.compose;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.process.Command;
import org.openmargo.agent.process.CommandResult;
import org.openmargo.agent.process.CommandRunner;

/**
 * The Compose CLI the agent drives and which of its two dialects it speaks.
 *
 * @param command the command line before the global flags, for example {@code [docker, compose]}
 * @param dialect {@link Dialect#V2} or {@link Dialect#V1}
 * @param version the version the CLI reported, for example {@code 1.29.2}; {@code unknown} when it did not answer
 */
public record ComposeCli(List<String> command, Dialect dialect, String version) {
    private static final System.Logger LOG = System.getLogger(ComposeCli.class.getName());
    /** What {@link #detect} tries, in order, when no command is configured. */
    public static final List<List<String>> CANDIDATES = List.of(List.of("docker", "compose"), List.of("docker-compose"));
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);
    /** Capability label naming the dialect, {@code v1} or {@code v2}. */
    public static final String DIALECT_LABEL = "openmargo.org/compose-cli";
    /** Capability label carrying {@link #version()}. */
    public static final String VERSION_LABEL = "openmargo.org/compose-version";

    /** The two Compose CLIs. */
    public enum Dialect {
        /** {@code docker-compose} 1.x (Python): no {@code ps --format json}, no {@code up --wait}. */
        V1,
        /** {@code docker compose} 2.x (Go plugin, or the standalone binary). */
        V2
    }

    public ComposeCli {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a binary");
        }
    }

    /**
     * Finds the CLI at start: runs {@code <command> version --short} for the configured command, or for each of
     * {@link #CANDIDATES} until one answers, and reads the dialect from the major version ({@code 1.x} is V1,
     * anything else V2). When nothing answers (no CLI installed yet), the configured command or the first candidate is
     * used as V2 with version {@code unknown}, and every Compose call will fail with the CLI's own error.
     */
    public static ComposeCli detect(Optional<List<String>> configured, CommandRunner runner) {
        List<List<String>> candidates = configured.map(List::of).orElse(CANDIDATES);
        for (List<String> candidate : candidates) {
            Optional<ComposeCli> cli = probe(candidate, runner);
            if (cli.isPresent()) {
                LOG.log(Level.INFO, "Compose CLI: {0} ({1}, version {2})", String.join(" ", candidate),
                        cli.get().dialect(), cli.get().version());
                return cli.get();
            }
        }
        LOG.log(Level.WARNING, "no Compose CLI answered to ''version'' (tried {0}); Compose deployments will fail"
                + " until one is installed and the agent restarted", candidates);
        return new ComposeCli(candidates.getFirst(), Dialect.V2, "unknown");
    }

    private static Optional<ComposeCli> probe(List<String> command, CommandRunner runner) {
        List<String> argv = new java.util.ArrayList<>(command);
        argv.addAll(List.of("version", "--short"));
        CommandResult result = runner.run(new Command(argv, DockerEnvironment.with(Map.of(), System.getenv()),
                Optional.empty(), VERSION_TIMEOUT, Optional.empty()));
        if (!result.succeeded()) {
            return Optional.empty();
        }
        String version = result.stdout().strip().lines().findFirst().orElse("").strip().replaceFirst("^v", "");
        if (!version.matches("[0-9]+(\\.[0-9A-Za-z+_-]+){0,4}")) {
            return Optional.empty();
        }
        return Optional.of(new ComposeCli(command, version.startsWith("1.") || version.equals("1")
                ? Dialect.V1 : Dialect.V2, version));
    }

    /** The capability labels that report this CLI: {@link #DIALECT_LABEL} and {@link #VERSION_LABEL}. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DIALECT_LABEL, dialect == Dialect.V1 ? "v1" : "v2");
        labels.put(VERSION_LABEL, version);
        return labels;
    }
}
