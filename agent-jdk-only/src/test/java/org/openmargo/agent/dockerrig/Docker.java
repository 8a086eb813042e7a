package org.openmargo.agent.dockerrig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Docker CLI against the engine the agent uses ({@code DOCKER_HOST} of this process, else the default socket),
 * for the tests' own checks: every call bounded, output returned, failure an exception with stderr.
 */
public final class Docker {
    private static final long TIMEOUT_SECONDS = 120;

    private Docker() {
    }

    /**
     * Why no engine can be used here, or empty when {@code docker version} reaches one and
     * {@code docker-compose}, {@code docker-registry} and a static busybox are installed.
     */
    public static java.util.Optional<String> unavailable() {
        for (String tool : List.of("/usr/bin/docker-registry", "/bin/busybox")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return java.util.Optional.of(tool + " is missing (Debian packages docker-registry, busybox-static)");
            }
        }
        try {
            run("docker-compose", "version", "--short");
            run("docker", "version", "--format", "{{.Server.Version}}");
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** Runs {@code argv} and returns its stdout, stripped. */
    public static String run(String... argv) throws IOException {
        return run(null, argv);
    }

    /** Runs {@code argv} with {@code stdin} as its input file (or none) and returns its stdout, stripped. */
    public static String run(Path stdin, String... argv) throws IOException {
        Path out = Files.createTempFile("docker-out", ".txt");
        Path err = Files.createTempFile("docker-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " exited with " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(out, StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The ids of the containers of Compose project {@code project}, stopped ones included. */
    public static List<String> containers(String project) throws IOException {
        String ids = run("docker", "ps", "-a", "-q", "--no-trunc", "--filter",
                "label=com.docker.compose.project=" + project);
        return ids.isEmpty() ? List.of() : List.of(ids.split("\\s+"));
    }

    /**
     * An image from scratch, without any download: a root file system of the static busybox and its applet links,
     * imported as {@code tag}.
     */
    public static void importBusybox(Path dir, String tag) throws IOException {
        Path root = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"));
        for (String applet : List.of("sh", "sleep", "cat", "echo")) {
            Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("rootfs.tar");
        run("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), ".");
        run(tar, "docker", "import", "-", tag);
    }

    /** {@code docker rm -f} and {@code docker volume rm} of whatever is left of a project; never fails. */
    public static void cleanUp(String project) {
        try {
            List<String> argv = new ArrayList<>(List.of("docker", "rm", "-f"));
            argv.addAll(containers(project));
            if (argv.size() > 3) {
                run(argv.toArray(String[]::new));
            }
            String volumes = run("docker", "volume", "ls", "-q", "--filter",
                    "label=com.docker.compose.project=" + project);
            for (String volume : volumes.isEmpty() ? new String[0] : volumes.split("\\s+")) {
                run("docker", "volume", "rm", "-f", volume);
            }
            String networks = run("docker", "network", "ls", "-q", "--filter",
                    "label=com.docker.compose.project=" + project);
            for (String network : networks.isEmpty() ? new String[0] : networks.split("\\s+")) {
                run("docker", "network", "rm", network);
            }
        } catch (IOException e) {
            System.err.println("clean-up of Compose project " + project + " incomplete: " + e.getMessage());
        }
    }
}
