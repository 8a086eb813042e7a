package org.openmargo.wfm;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import org.openmargo.wfm.admin.AdminCli;
import org.openmargo.wfm.config.ConfigError;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.log.JsonLogFormatter;

/**
 * The WFM command line: {@code java -jar wfm.jar [--config FILE]}. Exit codes: 0 after a clean stop, 2 for bad
 * arguments or configuration, 1 when the server cannot start. {@code java -jar wfm.jar admin ...} runs the operator
 * CLI instead ({@link AdminCli}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("admin")) {
            return AdminCli.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    out.println("""
                            Usage: wfm [--config FILE]
                                   wfm admin [--help] COMMAND ...   the operator CLI (tokens, clients, CA, audit)
                              Starts the Margo Workload Fleet Manager: the mTLS device API, the operator API and, unless
                              wfm.identity.* names an external identity service, the built-in one (CA and MIS listener).
                              --config FILE   a YAML file with 'wfm.*' keys (see docs/wfm.md); overrides the built-in defaults.
                              Any key can also be set as a system property (-Dwfm.device-api.port=9443).""");
                    return 0;
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        err.println("wfm: --config needs a file name");
                        return 2;
                    }
                    configFile = Path.of(args[++i]);
                }
                default -> {
                    err.println("wfm: unknown argument '" + args[i] + "' (try --help)");
                    return 2;
                }
            }
        }
        LogConfig.configureRuntime();
        WfmSettings settings;
        try {
            settings = WfmSettings.from(load(configFile), configFile == null ? "configuration" : configFile.toString());
        } catch (ConfigError | ConfigException e) {
            err.println("wfm: invalid configuration: " + e.getMessage());
            return 2;
        }
        if (settings.log().json()) {
            JsonLogFormatter.install();
        }
        WfmServer server;
        try {
            server = WfmServer.start(settings);
        } catch (Exception e) {
            err.println("wfm: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "wfm-shutdown"));
        out.println("WFM ready: device API https://0.0.0.0:" + server.deviceApiPort() + " (mTLS), operator API http://"
                + settings.operator().host() + ":" + server.operatorPort() + " (token in "
                + settings.dataDir().resolve(OperatorToken.FILE) + " unless configured)"
                + server.identityService().map(mis -> ", identity service " + mis.discoveryUri()
                        + (mis.tlsPins().isEmpty() ? "" : " (pin " + mis.tlsPins().getFirst() + ")")).orElse(""));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static Config load(Path configFile) {
        if (configFile == null) {
            return Config.create();
        }
        if (!Files.isReadable(configFile)) {
            throw new ConfigError(configFile + ": cannot read the file");
        }
        return Config.builder()
                .addSource(ConfigSources.file(configFile.toString()))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }
}
