package org.openmargo.agent.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The process and its descendants, for killing. */
final class ProcessTree {
    private ProcessTree() {
    }

    /** Sends SIGTERM to the tree, waits up to {@code termGrace}, then SIGKILLs what is still alive. */
    static void kill(Process process, Duration termGrace) {
        // Take the descendants before the parent dies: afterwards they are re-parented and no longer found.
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(termGrace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The root first, so it cannot act on its children's deaths (print, restart them) in between.
        process.destroyForcibly();
        Stream.concat(tree.stream(), process.descendants()).filter(ProcessHandle::isAlive)
                .forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
