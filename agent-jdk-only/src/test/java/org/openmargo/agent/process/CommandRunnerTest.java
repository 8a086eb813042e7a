package org.openmargo.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    private static final Duration GRACE = Duration.ofMillis(600);
    private final CommandRunner runner = new CommandRunner(GRACE);

    @TempDir
    Path dir;

    private static Command sh(String script, Duration timeout) {
        return Command.of(List.of("/bin/sh", "-c", script), timeout);
    }

    @Test
    void run_exitingScript_capturesStdoutStderrAndExitCode() {
        CommandResult result = runner.run(sh("echo out; echo err >&2; exit 3", Duration.ofSeconds(5)));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderrTail()).isEqualTo("err\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void run_bigOutputOnBothStreams_doesNotDeadlockAndCaps() {
        // 6 MiB on stdout and 1 MiB on stderr, interleaved: a runner that reads one stream after the other hangs.
        String script = "i=0; while [ $i -lt 96 ]; do head -c 65536 /dev/zero | tr '\\0' a; "
                + "head -c 10923 /dev/zero | tr '\\0' e >&2; i=$((i+1)); done; echo END >&2";
        CommandResult result = runner.run(sh(script, Duration.ofSeconds(8)));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(CommandRunner.STDOUT_LIMIT).matches("a+");
        assertThat(result.stderrTail()).hasSize(CommandRunner.STDERR_TAIL)
                .endsWith("END\n");
    }

    @Test
    void run_childIgnoringSigterm_killsTreeWithinTimeoutPlusGrace() throws IOException {
        Path pidFile = dir.resolve("child.pid");
        String script = "trap '' TERM; echo started; sleep 30 & echo $! > " + pidFile + "; wait; echo never";
        CommandResult result = runner.run(sh(script, Duration.ofMillis(700)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(result.took()).isBetween(Duration.ofMillis(700), Duration.ofMillis(700).plus(GRACE).plusMillis(500));
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(running(child)).as("sleep %d still running", child).isFalse();
    }

    @Test
    void run_missingBinary_isResultWith127() {
        CommandResult result = runner.run(Command.of(List.of("/nonexistent/helm", "version"), Duration.ofSeconds(1)));

        assertThat(result.exitCode()).isEqualTo(CommandResult.NOT_STARTED);
        assertThat(result.stderrTail()).startsWith("cannot start /nonexistent/helm: ");
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void run_missingBinaryOnPath_isResultWith127() {
        CommandResult result = runner.run(Command.of(List.of("no-such-tool-4711"), Duration.ofSeconds(1)));

        assertThat(result.exitCode()).isEqualTo(127);
    }

    @Test
    void run_environmentAndWorkingDirectory_arePassedAndNothingElseLeaks() {
        Command command = new Command(List.of("/bin/sh", "-c", "pwd; env | sort"), Map.of("KUBECONFIG", "/k/config"),
                Optional.of(dir), Duration.ofSeconds(5), Optional.empty());
        CommandResult result = runner.run(command);

        List<String> lines = result.stdout().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(dir.toString());
        List<String> names = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf('='))).toList();
        // /bin/sh itself adds PWD (and some shells SHLVL, _); everything else must come from the runner.
        assertThat(names).contains("KUBECONFIG").isSubsetOf("KUBECONFIG", "PATH", "HOME", "LANG", "PWD", "SHLVL", "_",
                "OLDPWD");
        assertThat(lines).contains("KUBECONFIG=/k/config");
    }

    @Test
    void run_stdin_isWrittenAndClosed() {
        Command command = new Command(List.of("/bin/cat"), Map.of(), Optional.empty(), Duration.ofSeconds(5),
                Optional.of("values: 1\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(runner.run(command).stdout()).isEqualTo("values: 1\n");
    }

    @Test
    void run_noStdin_programSeesEndOfInput() {
        assertThat(runner.run(Command.of(List.of("/bin/cat"), Duration.ofSeconds(5))).exitCode()).isZero();
    }

    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 20; i++) {
            if (!Files.exists(stat)) {
                return false;
            }
            String text;
            try {
                text = Files.readString(stat);
            } catch (IOException e) {
                return false;
            }
            // A zombie (state Z) is dead; only its parent's reaping is missing.
            if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }
}
