package org.openmargo.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;

import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.AgentConfigLoader;
import org.openmargo.agent.config.ConfigException;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.cycle.AgentStatusFile;

/**
 * The agent's command line.
 *
 * <pre>
 * agent [run] [--config FILE] [--once]   run the agent (or one full pass with --once, for scripts)
 * agent validate-config [--config FILE]  check the configuration and exit
 * agent status [--config FILE]           print what the agent last believed
 * agent --help
 * </pre>
 * Exit codes: 0 success; 1 the agent could not start or a {@code --once} pass did not fully succeed; 2 bad arguments or
 * configuration.
 */
public final class Main {
    static final String DEFAULT_CONFIG = "agent.conf";

    private Main() {
    }

    public static void main(String[] args) {
        // The schedule owns every retry: without this the JDK client silently retries a refused connection once,
        // doubling the attempts a struggling WFM sees (read once, before the first HttpClient is built).
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0 || (args.length > 0 && !args[0].equals("run"))) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // One line per record, ISO-8601 UTC time first: easy to grep and to parse.
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n");
        }
        String command = "run";
        Path config = Path.of(env.getOrDefault("MARGO_AGENT_CONFIG", DEFAULT_CONFIG));
        boolean once = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    out.println(usage());
                    return 0;
                }
                case "--config" -> {
                    if (++i >= args.length) {
                        err.println("agent: --config needs a file name");
                        return 2;
                    }
                    config = Path.of(args[i]);
                }
                case "--once" -> once = true;
                case "run", "validate-config", "status" -> command = args[i];
                default -> {
                    err.println("agent: unknown argument '" + args[i] + "' (try --help)");
                    return 2;
                }
            }
        }
        return switch (command) {
            case "validate-config" -> validate(config, env, out, err);
            case "status" -> status(config, env, out, err);
            default -> runAgent(config, env, once, err);
        };
    }

    private static int validate(Path config, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            AgentConfig c = AgentConfigLoader.load(config, env);
            out.println(config + ": valid (WFM " + c.wfmUrl() + ", device " + c.device().id() + ", runtime "
                    + c.runtime().name().toLowerCase() + ")");
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int status(Path config, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            AgentConfig c = AgentConfigLoader.load(config, env);
            var snapshot = new AgentStatusFile(c.stateDir()).read();
            out.println(snapshot.orElse("{\"lastSync\":\"never\",\"note\":\"the agent has not run with state.dir "
                    + c.stateDir() + "\"}"));
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("agent: cannot read the status: " + e.getMessage());
            return 1;
        }
    }

    private static int runAgent(Path config, Map<String, String> env, boolean once, PrintStream err) {
        ConfigWatcher watcher;
        try {
            if (!Files.isReadable(config)) {
                err.println("agent: cannot read the configuration file " + config + " (use --config FILE)");
                return 2;
            }
            watcher = ConfigWatcher.start(config, env);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        Agent agent;
        try {
            agent = Agent.create(watcher, Clock.systemUTC(), RandomGenerator.getDefault());
        } catch (IOException | RuntimeException e) {
            err.println("agent: cannot start: " + e.getMessage());
            return 1;
        }
        if (once) {
            try (agent) {
                return agent.runOnce() ? 0 : 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        agent.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String usage() {
        return """
                Usage: agent [run] [--config FILE] [--once]
                       agent validate-config [--config FILE]
                       agent status [--config FILE]
                  The OpenMargo device agent: reports capabilities, polls the WFM for desired state within the
                  configured polling windows, applies deployments and reports their status.
                  --config FILE  the configuration file (default ./agent.conf, or $MARGO_AGENT_CONFIG); every key
                                 can be overridden with MARGO_AGENT_<KEY> environment variables
                  --once         one full pass (capabilities, sync, apply, status) ignoring the schedule, then exit
                Exit codes: 0 success, 1 start failure or an unsuccessful --once pass, 2 bad arguments/configuration.""";
    }
}
