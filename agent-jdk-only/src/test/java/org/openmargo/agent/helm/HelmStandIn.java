package org.openmargo.agent.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The recording helm stand-in ({@code helm/helm-standin.sh}) installed as {@code helm} in a directory. */
final class HelmStandIn {
    /** One recorded call: the arguments after {@code helm}, the helm-relevant environment, the working directory. */
    record Call(List<String> args, List<String> env, String cwd) {
    }

    private final Path dir;
    final Path binary;

    private HelmStandIn(Path dir) {
        this.dir = dir;
        this.binary = dir.resolve("helm");
    }

    static HelmStandIn installIn(Path dir) {
        HelmStandIn standIn = new HelmStandIn(dir);
        try (InputStream script = HelmStandIn.class.getResourceAsStream("/helm/helm-standin.sh")) {
            Files.write(standIn.binary, script.readAllBytes());
            Files.setPosixFilePermissions(standIn.binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return standIn;
    }

    List<Call> calls() {
        Path log = dir.resolve("calls.log");
        List<Call> calls = new ArrayList<>();
        if (!Files.exists(log)) {
            return calls;
        }
        List<String> args = null;
        List<String> env = null;
        String cwd = "";
        for (String line : read(log)) {
            if (line.equals("--- call")) {
                if (args != null) {
                    calls.add(new Call(args, env, cwd));
                }
                args = new ArrayList<>();
                env = new ArrayList<>();
            } else if (line.startsWith("arg:")) {
                args.add(line.substring(4));
            } else if (line.startsWith("env:")) {
                env.add(line.substring(4));
            } else if (line.startsWith("cwd:")) {
                cwd = line.substring(4);
            }
        }
        if (args != null) {
            calls.add(new Call(args, env, cwd));
        }
        return calls;
    }

    Call onlyCall() {
        List<Call> calls = calls();
        if (calls.size() != 1) {
            throw new AssertionError("expected one helm call but got " + calls);
        }
        return calls.getFirst();
    }

    /** Creates marker {@code name} (hang, slow, fail-upgrade) with {@code content}. */
    void mark(String name, String content) {
        write(dir.resolve(name), content);
    }

    /** Records release {@code name} in {@code namespace} as helm would hold it. */
    void release(String namespace, String name, String status, String version) {
        Path file = dir.resolve("releases").resolve(namespace).resolve(name);
        write(file, status + "\n" + version + "\n1\n");
    }

    boolean hasRelease(String namespace, String name) {
        return Files.exists(dir.resolve("releases").resolve(namespace).resolve(name));
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
