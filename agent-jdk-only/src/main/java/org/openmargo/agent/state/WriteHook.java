package org.openmargo.agent.state;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Observes every file-system mutation {@link AtomicFile} and {@link StateStore} make, right after it happened. Tests
 * throw from a hook to simulate a crash at that instant; production code uses {@link #NONE}.
 */
@FunctionalInterface
interface WriteHook {

    /** The hook that does nothing. */
    WriteHook NONE = (step, path) -> { };

    /** The mutations, in the order one atomic write performs them. */
    enum Step {
        /** The first half of the bytes is in the temp file (a torn write if the process dies now). */
        TEMP_HALF_WRITTEN,
        /** All bytes are in the temp file, not yet forced. */
        TEMP_WRITTEN,
        /** The temp file is forced to the device. */
        TEMP_FORCED,
        /** The temp file was renamed over the target. */
        MOVED,
        /** The directory entry of the rename is forced (where the platform supports it). */
        DIRECTORY_FORCED,
        /** A file was deleted. */
        DELETED
    }

    /**
     * Called after {@code step} was performed on {@code path}.
     *
     * @throws IOException to make the caller fail as if the file system had failed there
     */
    void after(Step step, Path path) throws IOException;
}
