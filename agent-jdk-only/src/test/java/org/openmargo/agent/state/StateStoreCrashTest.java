package org.openmargo.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a save at every file-system step and restarts from what is on disk. A simulated kill (an {@link Error} thrown
 * right after a step) leaves exactly the files a real kill would; a power loss can additionally drop writes that were
 * not forced, which the store prevents by forcing every file before its rename and the directory after it.
 */
class StateStoreCrashTest {
    @TempDir
    Path root;

    @Test
    void save_crashAfterEveryStep_restartLoadsOldOrNewStateNeverAMix() throws IOException {
        List<Done> steps = stepsOfOneSave();
        int commit = steps.indexOf(new Done(WriteHook.Step.MOVED, StateStore.INDEX));
        assertThat(commit).isGreaterThan(20);

        for (int crashAt = 0; crashAt < steps.size(); crashAt++) {
            Path dir = Files.createDirectory(root.resolve("crash-" + crashAt));
            StateStore.open(dir).save(States.old());
            StateStore crashing = StateStore.open(dir, crashAfter(crashAt));
            assertThatThrownBy(() -> crashing.save(States.next())).isInstanceOf(SimulatedCrash.class);

            AgentState restarted = StateStore.open(dir).load();

            AgentState expected = crashAt < commit ? States.old() : States.next();
            assertThat(restarted).as("crash after step %d (%s)", crashAt, steps.get(crashAt)).isEqualTo(expected);
            assertThat(restarted.missingYamls()).isEmpty();
            assertThat(AtomicFileTest.names(dir)).containsExactly("desired", "manifest", "state.json");
        }
    }

    @Test
    void save_afterRecoveringFromCrash_completesTheNewState() throws IOException {
        Path dir = Files.createDirectory(root.resolve("recover"));
        StateStore.open(dir).save(States.old());
        StateStore crashing = StateStore.open(dir, crashAfter(5));
        assertThatThrownBy(() -> crashing.save(States.next())).isInstanceOf(SimulatedCrash.class);

        StateStore restarted = StateStore.open(dir);
        restarted.save(States.next());

        assertThat(StateStore.open(dir).load()).isEqualTo(States.next());
    }

    /** One step a save performed, on the file of that name. */
    private record Done(WriteHook.Step step, String file) {
    }

    private List<Done> stepsOfOneSave() throws IOException {
        Path dir = Files.createDirectory(root.resolve("count"));
        StateStore.open(dir).save(States.old());
        List<Done> steps = new ArrayList<>();
        StateStore.open(dir, (step, path) -> steps.add(new Done(step, path.getFileName().toString())))
                .save(States.next());
        return steps;
    }

    private static WriteHook crashAfter(int n) {
        int[] calls = {0};
        return (step, path) -> {
            if (calls[0]++ == n) {
                throw new SimulatedCrash();
            }
        };
    }
}
