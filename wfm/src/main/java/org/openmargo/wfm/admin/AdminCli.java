package org.openmargo.wfm.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator command line, {@code java -jar wfm.jar admin [options] COMMAND ...}: a plain HTTP client of the
 * operator API. Exit codes: 0 on success, 1 when the command failed (the problem's title and detail are printed),
 * 2 for a wrong command line.
 */
public final class AdminCli {
    static final String USAGE = """
            Usage: wfm admin [--url URL] [--token-file FILE] [--as NAME] COMMAND
              --url URL          the operator API (default http://127.0.0.1:8081)
              --token-file FILE  the operator token (default wfm-data/operator-token)
              --as NAME          who you are, for the audit log (default: your OS user name)
            Commands:
              token create --client ID [--ttl PT24H] [--json]
                                                       create a one-time enrollment token; prints the agent
                                                       command (--json: the operator API's answer, for scripts)
              token list                               list enrollment tokens (never their secrets)
              token revoke TOKEN-ID                    revoke an unused token
              clients list                             every known client and its standing
              clients show ID                          one client: devices, capabilities, deployments, statuses
              deployments put --client ID --file F.yaml
                                                       store an ApplicationDeployment as the client's desired state
              deployments remove --client ID DEPLOYMENT-ID
                                                       remove it from the client's desired state
              clients approve ID | clients retire ID   accept or retire a client
              sign-csr --client ID --in FILE [--out FILE]
                                                       sign a device's CSR (air-gapped enrollment); accepts the client
              ca show                                  the trust anchors, bundle sequence and MIS TLS pin
              ca rotate stage|activate|finish          the next step of a trust anchor rotation
              discovery                                the discovery URL and pins to configure on devices
              audit [--limit 50]                       the audit log, newest first (limit 1-1000)
              apps import FILE                         import an ApplicationDescription into the catalogue
              apps list                                every application version in the catalogue
              apps show APP [VERSION]                  an application's versions, or one version's profiles
                                                       and parameters
              apps delete APP VERSION                  delete a version (refused while it is in use)
                                                       (apps ... --json: the operator API's answer, for scripts)
            """ + FleetCommands.USAGE;

    private AdminCli() {
    }

    /** Runs one admin command; see the class comment for exit codes. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Invocation invocation = Invocation.parse(args);
            if (invocation == null) {
                out.println(USAGE);
                return 0;
            }
            OperatorClient client = new OperatorClient(invocation.url, token(invocation.tokenFile),
                    invocation.operatorName);
            new Commands(client, out).run(invocation.command);
            return 0;
        } catch (UsageException e) {
            err.println("wfm admin: " + e.getMessage() + " (try wfm admin --help)");
            return 2;
        } catch (AdminException e) {
            err.println("wfm admin: " + e.getMessage());
            return 1;
        }
    }

    private static String token(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new AdminException("the token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new AdminException("cannot read the operator token from " + file + " (" + e.getClass().getSimpleName()
                    + "); use --token-file");
        }
    }

    /** The global options and the command; null for --help. */
    private record Invocation(URI url, Path tokenFile, String operatorName, Args command) {
        static Invocation parse(String[] args) {
            URI url = URI.create("http://127.0.0.1:8081/");
            Path tokenFile = Path.of("wfm-data", "operator-token");
            String name = defaultName();
            int i = 0;
            for (; i < args.length && args[i].startsWith("-"); i++) {
                String option = args[i];
                if (option.equals("-h") || option.equals("--help")) {
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--url" -> url = url(value);
                    case "--token-file" -> tokenFile = Path.of(value);
                    case "--as" -> name = operatorName(value);
                    default -> throw new UsageException("unknown option '" + option + "'");
                }
            }
            if (i >= args.length) {
                throw new UsageException("a command is missing");
            }
            List<String> rest = new ArrayList<>(List.of(args).subList(i, args.length));
            if (rest.contains("--help") || rest.contains("-h")) {
                return null;
            }
            return new Invocation(url, tokenFile, name, new Args(args[i], rest));
        }

        private static URI url(String value) {
            try {
                URI uri = URI.create(value.endsWith("/") ? value : value + "/");
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--url must be an http(s) URL like http://127.0.0.1:8081, not '" + value + "'");
            }
        }

        private static String operatorName(String value) {
            if (!value.matches("[\\x20-\\x7e]{1,64}") || value.isBlank()) {
                throw new UsageException("--as must be 1-64 printable ASCII characters");
            }
            return value.strip();
        }

        private static String defaultName() {
            String user = System.getProperty("user.name", "");
            return user.matches("[\\x20-\\x7e]{1,64}") && !user.isBlank() ? user.strip() : "operator";
        }
    }
}
