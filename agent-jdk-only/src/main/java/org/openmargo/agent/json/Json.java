package org.openmargo.agent.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 8259 JSON for the agent: the State Manifest, problem+json bodies, SPIFFE trust bundles (JWK Sets) and the
 * agent's own state files.
 *
 * <p>Parsing accepts exactly one JSON value surrounded by optional whitespace, and rejects: malformed UTF-8 (overlong
 * forms, encoded surrogates, code points above U+10FFFF, truncated sequences), a byte order mark, comments, trailing
 * commas, {@code NaN}/{@code Infinity}, leading zeros, unescaped control characters, unpaired surrogates (raw or
 * escaped), duplicate member names within one object, and anything after the value. Each failure, including an
 * exceeded limit, is a {@link JsonParseException} with a line and column; the parser never fails with
 * {@code OutOfMemoryError} or {@code StackOverflowError} on account of the input, since the limits below bound memory
 * and recursion.
 *
 * <p>All methods are static, stateless and thread-safe.
 */
public final class Json {
    /** Largest accepted input: 8 MiB of UTF-8 (for {@link #parse(String)}: 8 Mi characters). */
    public static final int MAX_INPUT_BYTES = 8 * 1024 * 1024;
    /** Deepest accepted nesting of objects and arrays; the top-level container is depth 1. */
    public static final int MAX_DEPTH = 64;
    /** Longest accepted string after unescaping, in UTF-16 characters (1 Mi). */
    public static final int MAX_STRING_LENGTH = 1024 * 1024;
    /** Most members of one object or items of one array. */
    public static final int MAX_CONTAINER_SIZE = 100_000;
    /** Longest accepted number literal, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1_000;

    private Json() {
    }

    /**
     * Parses one JSON document from strict UTF-8 bytes.
     *
     * @throws JsonParseException if the bytes are not strict RFC 8259 UTF-8 JSON or exceed a limit
     */
    public static JsonValue parse(byte[] utf8) throws JsonParseException {
        if (utf8.length > MAX_INPUT_BYTES) {
            throw new JsonParseException(1, 1, "expected at most " + MAX_INPUT_BYTES + " bytes but got "
                    + utf8.length);
        }
        return JsonParser.parse(decode(utf8));
    }

    /**
     * Parses one JSON document from text; the rules of {@link #parse(byte[])} apply, with unpaired surrogates in the
     * text rejected.
     *
     * @throws JsonParseException if the text is not strict RFC 8259 JSON or exceeds a limit
     */
    public static JsonValue parse(String text) throws JsonParseException {
        if (text.length() > MAX_INPUT_BYTES) {
            throw new JsonParseException(1, 1, "expected at most " + MAX_INPUT_BYTES + " characters but got "
                    + text.length());
        }
        return JsonParser.parse(text);
    }

    /**
     * Returns compact JSON text: no whitespace, members in the object's order, numbers exactly as their text, strings
     * escaping {@code "}, {@code \}, control characters and unpaired surrogates.
     *
     * @throws IllegalArgumentException if the value is nested deeper than {@link #MAX_DEPTH}
     */
    public static String write(JsonValue value) {
        return JsonWriter.write(value);
    }

    /** Returns {@link #write(JsonValue)} encoded as UTF-8. */
    public static byte[] writeUtf8(JsonValue value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(byte[] utf8) throws JsonParseException {
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
            throw malformed(utf8, in.position());
        }
        return out.flip().toString();
    }

    private static JsonParseException malformed(byte[] utf8, int offset) {
        String before = new String(utf8, 0, offset, StandardCharsets.UTF_8);
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        String got = offset < utf8.length ? String.format("byte 0x%02X", utf8[offset] & 0xff) : "end of input";
        return new JsonParseException(line, before.length() - lineStart + 1,
                "expected a well-formed UTF-8 sequence but got " + got);
    }
}
