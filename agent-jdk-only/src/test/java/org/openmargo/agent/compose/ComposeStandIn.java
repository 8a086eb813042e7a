package org.openmargo.agent.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recording stand-in for {@code docker compose}: a shell script that logs its argv, the environment it got (less
 * the runner's inherited {@code PATH}, {@code HOME}, {@code LANG}, and less the {@code DOCKER_*} connection variables
 * the test JVM itself has, which the runtime passes on by design: {@code .ci/run} exports {@code DOCKER_HOST}) and its
 * working directory, answers {@code ps} and
 * {@code config --services} from files, and fails, slows down or hangs on request.
 */
final class ComposeStandIn {
    private static final String SCRIPT = """
            #!/bin/sh
            D="$(dirname "$0")"
            { for a in "$@"; do printf '%s\\n' "$a"; done
              printf 'cwd:%s\\n' "$(pwd)"
              env | grep -v -E '^(PATH|HOME|LANG|PWD|SHLVL|_|OLDPWD)=' | sort | sed 's/^/env:/'
              echo '----'; } >> "$D/log"
            shift
            verb=""; file=""
            while [ $# -gt 0 ]; do
              case "$1" in
                -p|--project-directory) shift 2;;
                -f) file="$2"; shift 2;;
                *) verb="$1"; break;;
              esac
            done
            n=$(( $(cat "$D/count.$verb" 2>/dev/null || echo 0) + 1 )); echo $n > "$D/count.$verb"
            if [ -f "$D/hang.$verb" ]; then sleep 30; fi
            if [ -f "$D/slow.$verb" ]; then sleep "$(cat "$D/slow.$verb")"; fi
            if [ -f "$D/fail.$verb.$n" ] || [ -f "$D/fail.$verb" ]; then
              echo "Error response from daemon: $verb call $n refused" >&2; exit 1
            fi
            case "$verb" in
              ps) cat "$D/ps.json" 2>/dev/null;;
              config) cat "$D/services.$(printf '%s' "$file" | tr -c 'a-zA-Z0-9' '_')" 2>/dev/null;;
            esac
            exit 0
            """;

    /** One recorded call. */
    record Call(List<String> argv, Map<String, String> environment, String workingDirectory) {
    }

    private final Path dir;
    private final Path script;

    ComposeStandIn(Path dir) {
        this.dir = dir;
        this.script = dir.resolve("compose-stand-in");
        try {
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@link ComposeSettings#command()} that runs this stand-in. */
    List<String> command() {
        return List.of(script.toString(), "compose");
    }

    /** The recorded calls, argv without the command itself. */
    List<Call> calls() {
        Path log = dir.resolve("log");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Call> calls = new ArrayList<>();
        for (String block : read(log).split("----\n")) {
            List<String> argv = new ArrayList<>();
            Map<String, String> environment = new LinkedHashMap<>();
            String cwd = "";
            for (String line : block.split("\n")) {
                if (line.startsWith("cwd:")) {
                    cwd = line.substring(4);
                } else if (line.startsWith("env:")) {
                    String[] pair = line.substring(4).split("=", 2);
                    environment.put(pair[0], pair[1]);
                } else if (cwd.isEmpty()) {
                    argv.add(line);
                }
            }
            environment.entrySet().removeIf(e -> e.getKey().startsWith("DOCKER_")
                    && e.getValue().equals(System.getenv(e.getKey())));
            calls.add(new Call(argv.subList(1, argv.size()), environment, cwd));
        }
        return calls;
    }

    /** The recorded argv, each joined with spaces. */
    List<String> lines() {
        return calls().stream().map(c -> String.join(" ", c.argv())).toList();
    }

    void failOn(String verb, int call) {
        touch("fail." + verb + "." + call, "");
    }

    void fail(String verb) {
        touch("fail." + verb, "");
    }

    void hang(String verb) {
        touch("hang." + verb, "");
    }

    void slow(String verb, double seconds) {
        touch("slow." + verb, Double.toString(seconds));
    }

    void ps(String... lines) {
        touch("ps.json", String.join("\n", lines) + "\n");
    }

    void services(String reference, String... services) {
        touch("services." + reference.replaceAll("[^a-zA-Z0-9]", "_"), String.join("\n", services) + "\n");
    }

    private void touch(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
