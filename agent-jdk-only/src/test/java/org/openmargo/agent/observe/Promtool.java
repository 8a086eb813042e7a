package org.openmargo.agent.observe;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' own checker, {@code promtool check metrics} (Debian's {@code prometheus} package; {@code .ci/run}
 * installs it). Missing, a test using it is skipped with a loud message, except under {@code CI=true}, where it fails.
 */
public final class Promtool {
    private Promtool() {
    }

    /** promtool's verdict: its exit code and everything it printed. */
    public record Verdict(int exitCode, String output) {
    }

    /** The promtool on PATH; skips (or fails under {@code CI=true}) when there is none. */
    public static Path require() {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "promtool")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "promtool is not installed (apt-get install prometheus): the exposition text is NOT"
                    + " checked by Prometheus' parser";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true requires it");
            }
            System.err.println("WARNING: SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return found.get();
    }

    /** Runs {@code promtool check metrics} with {@code file} as its standard input (bounded to 60 s). */
    public static Verdict checkMetrics(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(require().toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool did not finish within 60 s");
        }
        return new Verdict(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
