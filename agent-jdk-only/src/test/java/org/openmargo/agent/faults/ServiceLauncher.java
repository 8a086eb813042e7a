package org.openmargo.agent.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openmargo.agent.Main;

/**
 * How {@link ServiceShutdownTest} starts the agent as a service manager would: by default
 * {@code java -cp <agent classes> org.openmargo.agent.Main} with the logging configuration the image ships
 * ({@code src/main/dist/logging.properties}), so the classes under test are the ones just compiled; with
 * {@code -Dagent.launcher=image} the jlinked launcher {@code jlink/target/image/bin/openmargo-agent} (rebuild it with
 * {@code jlink/build.sh} first: an image left from an older build would be tested instead). The image itself is
 * exercised end to end, SIGTERM included, by {@code e2e/QuickstartTest} after it is freshly built.
 *
 * @param command the command line before the agent's own arguments
 * @param name    which launcher, for assertion messages
 */
record ServiceLauncher(List<String> command, String name) {
    private static final Path MODULE = Path.of(System.getProperty("user.dir")).toAbsolutePath();

    static ServiceLauncher find() throws IOException {
        Path image = MODULE.resolveSibling("jlink").resolve("target/image/bin/openmargo-agent");
        if ("image".equals(System.getProperty("agent.launcher"))) {
            if (!Files.isExecutable(image)) {
                throw new IOException("-Dagent.launcher=image but " + image + " is not built (jlink/build.sh)");
            }
            return new ServiceLauncher(List.of(image.toString()), "jlinked image " + image);
        }
        Path classes;
        try {
            classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ServiceLauncher(List.of(java, "-XX:TieredStopAtLevel=1", "-Djava.util.logging.config.file="
                + MODULE.resolve("src/main/dist/logging.properties"), "-cp", classes.toString(), Main.class.getName()),
                "java -cp " + classes);
    }

    /** Starts the agent with these arguments; stdout and stderr go to the two files. */
    Process start(Path stdout, Path stderr, String... args) throws IOException {
        List<String> line = new ArrayList<>(command);
        line.addAll(List.of(args));
        return new ProcessBuilder(line).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }
}
