package org.openmargo.agent.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.openmargo.agent.json.JsonValue;

/**
 * Parses the YAML subset that operator-written ApplicationDeployment documents use into the agent's JSON model, so
 * one tree type is validated (digest f.1). Anything outside the subset fails with a location; nothing is guessed.
 *
 * <p><b>Accepted.</b>
 * <ul>
 *   <li>One document of strict UTF-8 (an initial byte order mark is ignored), lines ending in LF or CRLF; comments
 *       ({@code #} at a line start or after white space) and blank lines anywhere outside scalars. An optional
 *       {@code %YAML 1.2} directive, then an optional {@code ---} line, and an optional final {@code ...} line;
 *       the markers stand alone on their line (a comment may follow). An empty document is {@link
 *       org.openmargo.agent.json.JsonNull}.</li>
 *   <li>Block mappings and block sequences, indented with spaces only; a sequence may sit at its parent key's
 *       indentation; compact forms {@code - key: value} and {@code - - item}.</li>
 *   <li>Keys: a plain, single- or double-quoted scalar on one line followed by {@code ": "} or {@code ":"} at the
 *       line end. The key is the scalar's text (plain {@code 1} is the name "1"; no typing).</li>
 *   <li>Plain scalars on one line, resolved by the YAML 1.2 core schema: {@code null Null NULL ~} and empty
 *       become null; {@code true True TRUE false False FALSE} booleans; {@code [-+]?[0-9]+}, {@code 0o[0-7]+} and
 *       {@code 0x[0-9a-fA-F]+} integers, written in canonical decimal (no sign "+", no leading zeros); decimal
 *       floats with canonical text ({@code +.5} becomes {@code 0.5}, {@code 1.} becomes {@code 1.0}); everything else
 *       a string, so {@code yes}, {@code on}, {@code 1.2.3} and {@code 8m30s} stay strings.</li>
 *   <li>Single-quoted ({@code ''} for a quote) and double-quoted scalars on one line, the latter with every YAML
 *       escape ({@code \0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P \xXX \\uXXXX \UXXXXXXXX}); always
 *       strings.</li>
 *   <li>Flow sequences and flow mappings ({@code [a, "b", 3]}, {@code {a: 1, b: [x]}}), nested, opened and closed
 *       on the same line; a trailing comma; an omitted value ({@code {a: }}) is null.</li>
 *   <li>Literal and folded block scalars {@code | |- |+ > >- >+} as mapping values or sequence items, with the
 *       content indentation taken from the first non-empty line.</li>
 * </ul>
 *
 * <p><b>Rejected</b> with a {@link YamlParseException}: anchors {@code &}, aliases {@code *}, tags {@code !}, merge
 * keys {@code <<}, complex keys {@code ?}, keys that are not scalars, duplicate keys (by text), multiple documents,
 * directives other than {@code %YAML 1.2}, tabs in indentation (tabs are allowed only as separators inside a line and
 * inside scalar content), multi-line plain or quoted scalars, flow collections spanning lines, block scalar
 * indentation indicators, {@code .inf} and {@code .nan} (JSON has no such numbers), non-printable characters and
 * malformed UTF-8.
 *
 * <p><b>Limits:</b> {@link #MAX_INPUT_BYTES}, {@link #MAX_DEPTH}, {@link #MAX_NODES}. Without aliases the output
 * cannot be larger than the input, and the recursion is bounded by the depth limit.
 *
 * <p>Stateless and thread-safe.
 */
public final class Yaml {
    /** Largest accepted input: 4 MiB of UTF-8. */
    public static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;
    /** Deepest accepted nesting of collections, block and flow together; the same as the JSON writer's limit. */
    public static final int MAX_DEPTH = 64;
    /** Most nodes (collections and scalars) in one document. */
    public static final int MAX_NODES = 100_000;

    private Yaml() {
    }

    /**
     * Parses one YAML document of the subset above.
     *
     * @throws YamlParseException if the input is outside the subset, is not valid YAML or exceeds a limit
     */
    public static JsonValue parse(byte[] utf8) throws YamlParseException {
        if (utf8.length > MAX_INPUT_BYTES) {
            throw new YamlParseException(1, 1, "expected at most " + MAX_INPUT_BYTES + " bytes but got "
                    + utf8.length);
        }
        String text = decode(utf8);
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        checkCharacters(text);
        return new YamlParser(text.replace("\r\n", "\n")).readDocument();
    }

    private static void checkCharacters(String text) throws YamlParseException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean printable = c >= 0x20 && c <= 0x7e || c == '\t' || c == '\n' || c == 0x85
                    || c >= 0xa0 && c <= 0xfffd || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (!printable) {
                throw located(text, i, "expected a printable character but got " + YamlCursor.describe(c));
            }
        }
    }

    private static String decode(byte[] utf8) throws YamlParseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            String got = offset < utf8.length ? String.format("byte 0x%02X", utf8[offset] & 0xff) : "end of input";
            throw located(new String(utf8, 0, offset, StandardCharsets.UTF_8), offset == 0 ? 0 : -1,
                    "expected a well-formed UTF-8 sequence but got " + got);
        }
        return out.flip().toString();
    }

    /** Locates index {@code at} of the text, or its end when {@code at} is -1. */
    private static YamlParseException located(String text, int at, String detail) {
        int end = at < 0 ? text.length() : at;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new YamlParseException(line, end - lineStart + 1, detail);
    }
}
