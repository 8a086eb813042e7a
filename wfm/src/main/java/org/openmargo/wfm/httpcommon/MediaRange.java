package org.openmargo.wfm.httpcommon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One well-formed media range of an {@code Accept} header (RFC 9110 12.5.1): {@code type/subtype}, {@code type/*} or
 * {@code *}{@code /*}, with its weight in thousandths ({@code q=0.5} is 500; no weight is 1000).
 *
 * <p>Parsing is total: {@link #parseAll(String)} never throws, it keeps the ranges that follow the grammar and drops
 * the others ({@code ;}, {@code *}{@code /json}, {@code text/plain;q=2}, an unterminated quoted string...). Commas inside
 * quoted parameter values do not split ranges.
 *
 * @param type          lower-case type, or {@code *}
 * @param subtype       lower-case subtype, or {@code *}
 * @param qualityMillis the weight from 0 to 1000
 */
record MediaRange(String type, String subtype, int qualityMillis) {
    /** The well-formed ranges of one header field value, in order; malformed ones are left out. */
    static List<MediaRange> parseAll(String headerValue) {
        List<MediaRange> ranges = new ArrayList<>();
        for (String element : elements(headerValue)) {
            parse(element).ifPresent(ranges::add);
        }
        return ranges;
    }

    /**
     * How specifically this range names the media type {@code wanted} ({@code type/subtype}, lower case): 3 for an
     * exact match, 2 for {@code type/*}, 1 for {@code *}{@code /*}, 0 when it does not match.
     */
    int specificity(String wanted) {
        int slash = wanted.indexOf('/');
        String wantedType = wanted.substring(0, slash);
        String wantedSubtype = wanted.substring(slash + 1);
        if (type.equals("*")) {
            return 1;
        }
        if (!type.equals(wantedType)) {
            return 0;
        }
        if (subtype.equals("*")) {
            return 2;
        }
        return subtype.equals(wantedSubtype) ? 3 : 0;
    }

    static Optional<MediaRange> parse(String element) {
        Scanner s = new Scanner(element.trim());
        String type = s.token();
        if (type.isEmpty() || !s.take('/')) {
            return Optional.empty();
        }
        String subtype = s.token();
        if (subtype.isEmpty() || (type.equals("*") && !subtype.equals("*"))) {
            return Optional.empty();
        }
        int quality = 1000;
        while (true) {
            s.skipWhitespace();
            if (s.atEnd()) {
                return Optional.of(new MediaRange(lower(type), lower(subtype), quality));
            }
            if (!s.take(';')) {
                return Optional.empty();
            }
            s.skipWhitespace();
            if (s.atEnd() || s.peek() == ';') {
                continue; // an empty parameter is allowed by the grammar
            }
            String name = s.token();
            if (name.isEmpty() || !s.take('=')) {
                return Optional.empty();
            }
            Optional<String> value = s.peek() == '"' ? s.quoted() : Optional.of(s.token()).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (name.equalsIgnoreCase("q")) {
                int q = qvalue(value.get());
                if (q < 0) {
                    return Optional.empty();
                }
                quality = q;
            }
        }
    }

    /** RFC 9110 12.4.2 qvalue in thousandths, or -1 when malformed. */
    static int qvalue(String text) {
        if (!text.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
            return -1;
        }
        if (text.charAt(0) == '1') {
            return 1000;
        }
        String digits = text.length() > 2 ? text.substring(2) : "";
        return digits.isEmpty() ? 0 : Integer.parseInt((digits + "00").substring(0, 3));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Splits a list header at commas outside quoted strings (RFC 9110 5.6.1); empty elements are skipped. */
    private static List<String> elements(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                addElement(out, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addElement(out, current);
        return out;
    }

    private static void addElement(List<String> out, StringBuilder element) {
        if (!element.toString().isBlank()) {
            out.add(element.toString());
        }
    }

    /** A cursor over one element, with the token and quoted-string rules of RFC 9110 5.6.2 and 5.6.4. */
    private static final class Scanner {
        private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        boolean take(char c) {
            if (peek() == c && !atEnd()) {
                pos++;
                return true;
            }
            return false;
        }

        void skipWhitespace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (!atEnd() && isTchar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        Optional<String> quoted() {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return Optional.of(value.toString());
                }
                if (c == '\\') {
                    if (atEnd()) {
                        return Optional.empty();
                    }
                    c = text.charAt(pos++);
                }
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return Optional.empty();
                }
                value.append(c);
            }
            return Optional.empty();
        }

        private static boolean isTchar(char c) {
            return c < 0x80 && (Character.isLetterOrDigit(c) || TCHAR_SYMBOLS.indexOf(c) >= 0);
        }
    }
}
