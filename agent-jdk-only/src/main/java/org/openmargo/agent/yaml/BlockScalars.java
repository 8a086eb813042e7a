package org.openmargo.agent.yaml;

import java.util.List;

/**
 * Builds the value of a literal ({@code |}) or folded ({@code >}) block scalar from its content lines, with
 * indentation already removed, following YAML 1.2.2 sections 8.1.1.2 (chomping) and 8.1.3 (folding). Stateless.
 */
final class BlockScalars {
    private BlockScalars() {
    }

    /**
     * @param lines      content lines; an empty string is an empty line
     * @param folded     {@code true} for {@code >}
     * @param chomping   {@code '-'} strip, {@code '+'} keep, anything else clip
     * @param finalBreak whether the last line of the scalar ended with a line break (not the end of input)
     */
    static String compose(List<String> lines, boolean folded, char chomping, boolean finalBreak) {
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isEmpty()) {
            last--;
        }
        int trailingEmpty = lines.size() - 1 - last;
        if (last < 0) {
            return chomping == '+' ? "\n".repeat(trailingEmpty) : "";
        }
        List<String> body = lines.subList(0, last + 1);
        String text = folded ? fold(body) : String.join("\n", body);
        boolean lastBroken = finalBreak || trailingEmpty > 0;
        return switch (chomping) {
            case '-' -> text;
            case '+' -> text + (lastBroken ? "\n" : "") + "\n".repeat(trailingEmpty);
            default -> text + (lastBroken ? "\n" : "");
        };
    }

    private static String fold(List<String> body) {
        StringBuilder sb = new StringBuilder();
        int pendingEmpty = 0;
        Boolean previousNormal = null;
        for (String line : body) {
            if (line.isEmpty()) {
                pendingEmpty++;
                continue;
            }
            boolean normal = line.charAt(0) != ' ' && line.charAt(0) != '\t';
            if (previousNormal == null) {
                sb.append("\n".repeat(pendingEmpty));
            } else if (previousNormal && normal) {
                sb.append(pendingEmpty == 0 ? " " : "\n".repeat(pendingEmpty));
            } else {
                sb.append("\n".repeat(pendingEmpty + 1));
            }
            sb.append(line);
            previousNormal = normal;
            pendingEmpty = 0;
        }
        return sb.toString();
    }
}
