package org.openmargo.agent.identity;

import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;

/**
 * The readable part of an RFC 9457 problem answer, for one-line messages: {@code detail}, else {@code title}. A body
 * that is not a problem object gives nothing; control characters are replaced so a hostile answer cannot forge log
 * lines.
 */
public final class ProblemDetail {
    private static final int MAX_LENGTH = 300;

    private ProblemDetail() {
    }

    /** The problem's {@code detail} or {@code title}, sanitised and shortened to 300 characters. */
    public static Optional<String> of(byte[] body) {
        try {
            if (Json.parse(body) instanceof JsonObject problem) {
                return problem.string("detail").or(() -> problem.string("title")).map(ProblemDetail::clean)
                        .filter(text -> !text.isBlank());
            }
        } catch (JsonParseException e) {
            // not a problem document: nothing to quote
        }
        return Optional.empty();
    }

    /** {@code "<status>"} or {@code "<status> (<detail>)"}. */
    public static String status(int status, byte[] body) {
        return status + of(body).map(detail -> " (" + detail + ")").orElse("");
    }

    private static String clean(String text) {
        String line = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
