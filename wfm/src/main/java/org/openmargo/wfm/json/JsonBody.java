package org.openmargo.wfm.json;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Reads a hostile JSON request body into a plain tree under fixed limits.
 *
 * <p>The tree holds {@link Map} (member order kept, unmodifiable), {@link List}, {@link String}, {@link Numeral},
 * {@link Boolean} and {@code null} for JSON {@code null}. Numbers keep their exact text so that callers can tell
 * {@code 1} from {@code 1.0} or {@code 1e0}.
 *
 * <p>Every failure is a {@link ProblemException} of type {@link ProblemType#INVALID_REQUEST} whose detail names the
 * rule and, for syntax errors, the line and column; parser exceptions never escape. The class is stateless and
 * thread safe.
 */
public final class JsonBody {
    /** Deepest nesting of objects and arrays accepted; the root object is depth 1. */
    public static final int MAX_DEPTH = 32;
    /** Most elements in one array. */
    public static final int MAX_ARRAY_LENGTH = 1024;
    /** Most members in one object. */
    public static final int MAX_MEMBERS = 1024;
    /** Longest string (member names, string values and number texts), in UTF-16 code units. */
    public static final int MAX_STRING_LENGTH = 8192;

    private static final JsonParserFactory FACTORY = Json.createParserFactory(Map.of());

    private JsonBody() {
    }

    /**
     * A JSON number as written.
     *
     * @param text the number's exact text, valid JSON number syntax
     */
    public record Numeral(String text) {
        /** The exact value; safe for any text because no integer conversion is made. */
        public BigDecimal value() {
            return new BigDecimal(text);
        }

        /** Whether the text is a plain integer: digits with an optional minus, no fraction, no exponent. */
        public boolean plainInteger() {
            return text.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
        }
    }

    /**
     * Parses a body whose root must be an object.
     *
     * @param body     raw bytes, which must be UTF-8 without a byte order mark
     * @param maxBytes the largest body accepted
     * @return the root object
     * @throws ProblemException {@code INVALID_REQUEST} when the body is too large, not UTF-8, not JSON, not an
     *                          object at the root, too deep, has duplicate member names or breaks another limit
     */
    public static Map<String, Object> parseObject(byte[] body, int maxBytes) {
        if (body.length > maxBytes) {
            throw invalid("the body is larger than " + maxBytes + " bytes");
        }
        String text = utf8(body);
        if (text.startsWith("\uFEFF")) {
            // RFC 8259 section 8.1: senders MUST NOT add a byte order mark.
            throw invalid("the body starts with a byte order mark");
        }
        try (JsonParser parser = FACTORY.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw invalid("the body must be a JSON object");
            }
            Map<String, Object> root = readObject(parser, 1);
            if (parser.hasNext()) {
                throw invalid("unexpected content after the JSON object");
            }
            return root;
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw invalid("the body is not valid JSON (line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber() + ")");
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // Any other parser failure (JsonException, NoSuchElementException) is a malformed body too.
            throw invalid("the body is not valid JSON");
        }
    }

    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the body is not valid UTF-8");
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, int depth) {
        checkDepth(depth);
        Map<String, Object> members = new LinkedHashMap<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = string(parser.getString());
            if (members.containsKey(name)) {
                throw invalid("duplicate member name \"" + shorten(name) + "\"");
            }
            if (members.size() == MAX_MEMBERS) {
                throw invalid("an object has more than " + MAX_MEMBERS + " members");
            }
            members.put(name, readValue(parser, parser.next(), depth));
        }
        return Collections.unmodifiableMap(members);
    }

    private static List<Object> readArray(JsonParser parser, int depth) {
        checkDepth(depth);
        List<Object> elements = new ArrayList<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            if (elements.size() == MAX_ARRAY_LENGTH) {
                throw invalid("an array has more than " + MAX_ARRAY_LENGTH + " elements");
            }
            elements.add(readValue(parser, event, depth));
        }
        return Collections.unmodifiableList(elements);
    }

    private static Object readValue(JsonParser parser, JsonParser.Event event, int depth) {
        return switch (event) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> string(parser.getString());
            case VALUE_NUMBER -> new Numeral(string(parser.getString()));
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw invalid("the body is not valid JSON");
        };
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("the body nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static String string(String s) {
        if (s.length() > MAX_STRING_LENGTH) {
            throw invalid("a string is longer than " + MAX_STRING_LENGTH + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // \u0000 and unpaired surrogate escapes decode to text that is not Unicode; stores and logs choke on it.
            if (c == 0) {
                throw invalid("a string contains U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid("a string contains an unpaired surrogate escape");
            }
        }
        return s;
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }
}
