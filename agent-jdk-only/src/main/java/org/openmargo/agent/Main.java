package org.openmargo.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;

import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.AgentConfigLoader;
import org.openmargo.agent.config.ConfigException;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.cycle.AgentStatusFile;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.observe.AgentSnapshot;
import org.openmargo.agent.observe.StatusDocument;
import org.openmargo.agent.observe.StatusText;

/**
 * The agent's command line.
 *
 * <pre>
 * agent [run] [--config FILE] [--once]   run the agent (or one full pass with --once, for scripts)
 * agent validate-config [--config FILE]  check the configuration and exit
 * agent status [--config FILE] [--json]  print what the agent last believed (--json: the documented JSON shape)
 * agent enroll [--config FILE] (--token T | --token-file F | $MARGO_AGENT_ENROLL_TOKEN) [--force]
 *                                        enroll with a one-time token and install the SVID
 * agent csr [--config FILE] [--out FILE] [--new-key]
 *                                        air-gapped flow: new key (pending) and its CSR
 * agent import-svid [--config FILE] --in FILE [--bundle FILE]
 *                                        install the chain the operator signed for that key
 * agent --help
 * </pre>
 * Exit codes: 0 success; 1 the agent could not start, a {@code --once} pass did not fully succeed, or an identity
 * command was refused or failed; 2 bad arguments or configuration. See {@code docs/identity-service.md}.
 */
public final class Main {
    static final String DEFAULT_CONFIG = "agent.conf";
    /** Each command with the options it accepts. */
    private static final Map<String, Set<String>> COMMANDS = Map.of(
            "run", Set.of("--once"),
            "validate-config", Set.of(),
            "status", Set.of("--json"),
            "enroll", Set.of("--token", "--token-file", "--force"),
            "csr", Set.of("--out", "--new-key"),
            "import-svid", Set.of("--in", "--bundle"));
    private static final Set<String> VALUED = Set.of("--token", "--token-file", "--out", "--in", "--bundle");
    private static final Set<String> FLAGS = Set.of("--once", "--force", "--new-key", "--json");

    private Main() {
    }

    public static void main(String[] args) {
        // The schedule owns every retry: without this the JDK client silently retries a refused connection once,
        // doubling the attempts a struggling WFM sees (read once, before the first HttpClient is built).
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0 || !isRun(args)) {
            System.exit(code);
        }
    }

    /** Whether the arguments start the long-running agent (the only case that must not exit at once). */
    private static boolean isRun(String[] args) {
        for (String arg : args) {
            if (COMMANDS.containsKey(arg) && !arg.equals("run")) {
                return false;
            }
        }
        return !java.util.Arrays.asList(args).contains("--once");
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, Clock.systemUTC());
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // One line per record, ISO-8601 UTC time first: easy to grep and to parse.
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n");
        }
        String command = "run";
        Path config = Path.of(env.getOrDefault("MARGO_AGENT_CONFIG", DEFAULT_CONFIG));
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(usage());
                return 0;
            } else if (COMMANDS.containsKey(arg)) {
                command = arg;
            } else if (arg.equals("--config")) {
                if (++i >= args.length) {
                    err.println("agent: --config needs a file name");
                    return 2;
                }
                config = Path.of(args[i]);
            } else if (VALUED.contains(arg)) {
                if (++i >= args.length) {
                    err.println("agent: " + arg + " needs a value");
                    return 2;
                }
                options.put(arg, args[i]);
            } else if (FLAGS.contains(arg)) {
                options.put(arg, "true");
            } else {
                err.println("agent: unknown argument '" + arg + "' (try --help)");
                return 2;
            }
        }
        for (String option : options.keySet()) {
            if (!COMMANDS.get(command).contains(option)) {
                err.println("agent: " + option + " does not apply to '" + command + "' (try --help)");
                return 2;
            }
        }
        // The token variable is the enroll command's input, not a configuration key.
        Map<String, String> configEnv = new HashMap<>(env);
        configEnv.remove(IdentityCommands.TOKEN_VARIABLE);
        IdentityCommands identity = new IdentityCommands(config, env, out, err, clock);
        return switch (command) {
            case "validate-config" -> validate(config, configEnv, out, err);
            case "status" -> status(config, configEnv, options.containsKey("--json"), out, err, clock);
            case "enroll" -> options.containsKey("--token") && options.containsKey("--token-file")
                    ? usageError(err, "give --token or --token-file, not both")
                    : identity.enroll(option(options, "--token"), option(options, "--token-file").map(Path::of),
                            options.containsKey("--force"));
            case "csr" -> identity.csr(option(options, "--out").map(Path::of), options.containsKey("--new-key"));
            case "import-svid" -> identity.importSvid(option(options, "--in").map(Path::of),
                    option(options, "--bundle").map(Path::of));
            default -> runAgent(config, configEnv, options.containsKey("--once"), err);
        };
    }

    private static Optional<String> option(Map<String, String> options, String name) {
        return Optional.ofNullable(options.get(name));
    }

    private static int usageError(PrintStream err, String message) {
        err.println("agent: " + message);
        return 2;
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

    /**
     * {@code agent status}: the facts of the agent's status file as text, or as the documented JSON with
     * {@code --json} ({@link StatusDocument}). Exit 0 (also before the agent's first pass), 1 when the status file
     * cannot be read or is damaged, 2 for a bad configuration.
     */
    private static int status(Path config, Map<String, String> env, boolean json, PrintStream out, PrintStream err,
                              Clock clock) {
        try {
            AgentConfig c = AgentConfigLoader.load(config, env);
            Optional<AgentSnapshot> snapshot = new AgentStatusFile(c.stateDir()).read();
            out.println(json ? Json.write(StatusDocument.of(snapshot, clock.instant()))
                    : StatusText.of(snapshot, clock.instant(), c.stateDir().toString()));
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
                       agent status [--config FILE] [--json]
                       agent enroll [--config FILE] (--token T | --token-file F) [--force]
                       agent csr [--config FILE] [--out FILE] [--new-key]
                       agent import-svid [--config FILE] --in FILE [--bundle FILE]
                  The OpenMargo device agent: reports capabilities, polls the WFM for desired state within the
                  configured polling windows, applies deployments and reports their status. It renews its SVID
                  when two thirds of its lifetime have passed.
                  --config FILE  the configuration file (default ./agent.conf, or $MARGO_AGENT_CONFIG); every key
                                 can be overridden with MARGO_AGENT_<KEY> environment variables
                  --once         one full pass (capabilities, sync, apply, status) ignoring the schedule, then exit
                status: what the agent last recorded: syncs, manifest version, deployments, pending reports,
                  next wake-up and why, SVID expiry, trust bundle refresh; --json prints the stable JSON shape
                  documented in docs/agent.md.
                enroll: generates a key on the device, sends its CSR with the one-time token (or
                  $MARGO_AGENT_ENROLL_TOKEN) to the enrollment URI of trust.discovery-url, checks the SVID and
                  installs it at identity.certificate / identity.private-key. --force replaces a valid SVID.
                csr: writes a new key to <identity.private-key>.pending and prints its CSR (or to --out);
                  --new-key when a key exists already.
                import-svid: installs the chain signed for that key (or the installed key) after checking it
                  against --bundle, trust.bundle or the cached bundle; a running agent picks it up.
                Exit codes: 0 success, 1 start failure, an unsuccessful --once pass, or an identity command
                  refused/failed, 2 bad arguments/configuration.""";
    }
}
