package org.openmargo.wfm.desiredstate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Inserts a top-level {@code id: <uuid>} line into a YAML document without touching any other byte.
 *
 * <p>The line goes before the first content line. Blank lines, comment lines, directive lines ({@code %YAML 1.2})
 * and a document start marker alone on its line ({@code ---}, optionally followed by a comment) are skipped. The line
 * copies the indentation of the first content line (a block mapping may be indented as a whole) and the line break of
 * the document's first line ({@code \n} when there is none). The result is parsed again and must hold the new id at
 * the top level; otherwise (a flow mapping at the root, content on the {@code ---} line) the caller gets
 * {@code INVALID_REQUEST}.
 */
final class IdLine {
    private static final Pattern MARKER_WITH_COMMENT = Pattern.compile("---[ \t]+#.*");

    private IdLine() {
    }

    static byte[] insert(byte[] yaml, UUID id) {
        String text = YamlBody.utf8(yaml);
        String newline = text.contains("\r\n") && text.indexOf("\r\n") == text.indexOf('\n') - 1 ? "\r\n" : "\n";
        int offset = 0;
        while (offset < text.length()) {
            int end = text.indexOf('\n', offset);
            int next = end < 0 ? text.length() : end + 1;
            String line = text.substring(offset, end < 0 ? text.length() : end).stripTrailing();
            String content = line.stripLeading();
            boolean skip = content.isEmpty() || content.startsWith("#") || line.startsWith("%")
                    || line.equals("---") || MARKER_WITH_COMMENT.matcher(line).matches();
            if (!skip) {
                String indent = line.substring(0, line.length() - content.length());
                return splice(yaml, text, offset, indent + "id: " + id + newline, id);
            }
            offset = next;
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "the document has no content to add an id to");
    }

    private static byte[] splice(byte[] yaml, String text, int charOffset, String line, UUID id) {
        int byteOffset = text.substring(0, charOffset).getBytes(StandardCharsets.UTF_8).length;
        byte[] insert = line.getBytes(StandardCharsets.UTF_8);
        byte[] result = Arrays.copyOf(yaml, yaml.length + insert.length);
        System.arraycopy(insert, 0, result, byteOffset, insert.length);
        System.arraycopy(yaml, byteOffset, result, byteOffset + insert.length, yaml.length - byteOffset);
        Object read;
        try {
            read = YamlBody.parseMapping(result).get("id");
        } catch (ProblemException e) {
            read = null;
        }
        if (!id.toString().equals(read)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "an id line cannot be added to this document's layout; add a top-level id yourself");
        }
        return result;
    }
}
