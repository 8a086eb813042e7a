package org.openmargo.agent.dockerrig;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test that needs Debian's {@code docker-registry} when it is not installed, loudly, except under CI
 * ({@code CI=true}), where its absence is a failure: {@code .ci/run} installs it.
 */
public final class RegistryGuard {
    private RegistryGuard() {
    }

    /** Aborts (or, under CI, fails) the calling test when {@code reason} is present. */
    public static void require(java.util.Optional<String> reason, String test) {
        if (reason.isEmpty()) {
            return;
        }
        String message = test + " needs " + reason.get();
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: .ci/run must provide it)");
        }
        System.err.println("\n*** SKIPPED " + message + " (run .ci/run, or see docs/compose-runtime.md) ***\n");
        Assumptions.abort(message);
    }

    /** Requires the registry binary only. */
    public static void requireRegistry(String test) {
        require(Files.isExecutable(Path.of("/usr/bin/docker-registry")) ? java.util.Optional.empty()
                : java.util.Optional.of("/usr/bin/docker-registry (Debian package docker-registry)"), test);
    }
}
