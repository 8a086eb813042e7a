package org.openmargo.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The instructions of a Dockerfile: comments and blank lines dropped, {@code \} continuations joined, each
 * instruction with its upper-cased keyword, its flags ({@code --from=...}) and its arguments (JSON exec form or
 * whitespace-separated words). Enough for the structural checks of {@link DockerfilesTest}; not a full parser.
 */
record Dockerfile(Path file, List<Instruction> instructions) {
    record Instruction(int line, String keyword, List<String> flags, List<String> args) {
        String flag(String name) {
            return flags.stream().filter(f -> f.startsWith("--" + name + "=")).map(f -> f.substring(name.length() + 3))
                    .findFirst().orElse(null);
        }
    }

    static Dockerfile read(Path file) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = Layout.read(file).split("\n", -1);
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (current.isEmpty()) {
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(parse(start, current.toString()));
            current.setLength(0);
        }
        return new Dockerfile(file, out);
    }

    private static Instruction parse(int line, String text) {
        String[] parts = text.split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        List<String> flags = new ArrayList<>();
        while (rest.startsWith("--")) {
            String[] f = rest.split("\\s+", 2);
            flags.add(f[0]);
            rest = f.length > 1 ? f[1].strip() : "";
        }
        List<String> args = rest.startsWith("[")
                ? Arrays.stream(rest.substring(1, rest.lastIndexOf(']')).split(","))
                        .map(s -> s.strip().replaceAll("^\"|\"$", "")).toList()
                : Arrays.asList(rest.split("\\s+"));
        return new Instruction(line, parts[0].toUpperCase(Locale.ROOT), flags, args);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the stage named {@code name} ({@code FROM ... AS name}), FROM included. */
    List<Instruction> stage(String name) {
        List<Instruction> stage = new ArrayList<>();
        boolean in = false;
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                in = i.args().size() == 3 && i.args().get(2).equals(name);
            }
            if (in) {
                stage.add(i);
            }
        }
        if (stage.isEmpty()) {
            throw new AssertionError(file + " has no stage " + name);
        }
        return stage;
    }
}
