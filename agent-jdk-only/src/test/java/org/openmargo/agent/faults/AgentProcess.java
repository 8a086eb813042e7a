package org.openmargo.agent.faults;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.openmargo.agent.Agent;
import org.openmargo.agent.config.ConfigWatcher;

/**
 * The child JVM of {@link KillDuringApplyTest}: the agent of a configuration file, one full pass after another.
 * {@code loop} runs until the process is killed; {@code converge} exits 0 after the first fully successful pass (sync
 * accepted or unchanged, every status delivered), 1 if none succeeds within {@value #MAX_PASSES} passes.
 */
final class AgentProcess {
    static final int MAX_PASSES = 20;

    private AgentProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        boolean converge = args[1].equals("converge");
        try (Agent agent = Agent.create(ConfigWatcher.start(config, Map.of()), Clock.systemUTC(),
                RandomGenerator.getDefault())) {
            for (int pass = 0; !converge || pass < MAX_PASSES; pass++) {
                if (agent.runOnce() && converge) {
                    System.exit(0);
                }
            }
        }
        System.exit(1);
    }
}
