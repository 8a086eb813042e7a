package org.openmargo.agent.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.openmargo.agent.runtime.ComponentSpec;

/**
 * Where the compose files of a component come from: local files the Compose CLI can read with {@code -f}. The agent's
 * own source is {@link RegistrySource}, which fetches the artifact over the OCI Distribution API and keeps it by digest.
 */
public interface ComposeSource {

    /** The compose files of {@code component} (repository and revision), or why there are none. Never throws. */
    Resolution files(ComponentSpec component);

    /** The outcome of {@link #files}. */
    sealed interface Resolution {
        /** The files, in the order Compose reads them; at least one. */
        record Files(List<Path> paths) implements Resolution {
            public Files {
                paths = List.copyOf(paths);
                if (paths.isEmpty()) {
                    throw new IllegalArgumentException("a Compose project needs at least one file");
                }
            }
        }

        /**
         * No usable files: the registry refused, the artifact is not a Compose artifact or failed verification.
         *
         * @param code    a stable code such as {@code OCI_INVALID} or {@code COMPOSE_ARTIFACT_INVALID}
         * @param message detail for the operator
         */
        record Refused(String code, String message) implements Resolution {
            public Refused {
                Objects.requireNonNull(code, "code");
                Objects.requireNonNull(message, "message");
            }
        }
    }
}
