package org.openmargo.agent.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept as its exact source text so that no precision is lost (a Margo {@code manifestVersion} is a
 * uint64, beyond the 2^53 that a double holds exactly, see digest c.5).
 *
 * <p>The text must match the RFC 8259 number grammar {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}.
 * "Integral" means the text has neither a fraction nor an exponent: {@code 10} is integral, {@code 1.0} and
 * {@code 1e1} are not, because the manifest rules ask for a plain integer.
 *
 * @param text the number exactly as written in the source
 * @throws IllegalArgumentException if the text is not a JSON number
 */
public record JsonNumber(String text) implements JsonValue {
    public JsonNumber {
        Objects.requireNonNull(text, "text");
        if (!isJsonNumber(text)) {
            throw new IllegalArgumentException("not a JSON number: " + text);
        }
    }

    /** Returns the number for a signed long, written in plain decimal. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** Returns the number for a long read as unsigned (uint64), so {@code -1L} gives 18446744073709551615. */
    public static JsonNumber ofUnsigned(long value) {
        return new JsonNumber(Long.toUnsignedString(value));
    }

    /** Returns {@code true} if the text has neither a fraction part nor an exponent. */
    public boolean isIntegral() {
        return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    /**
     * Returns the value as a signed long.
     *
     * @throws ArithmeticException if the number is not integral or is outside the long range
     */
    public long longValueExact() {
        requireIntegral();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("out of long range: " + text);
        }
    }

    /**
     * Returns the value as a uint64 in {@code [0, 18446744073709551615]}, as the two's-complement long (compare with
     * {@link Long#compareUnsigned}). {@code -0} is zero.
     *
     * @throws ArithmeticException if the number is not integral, negative or above 2^64-1
     */
    public long unsignedLongValueExact() {
        requireIntegral();
        if (text.startsWith("-")) {
            if (text.equals("-0")) {
                return 0;
            }
            throw new ArithmeticException("negative: " + text);
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("out of uint64 range: " + text);
        }
    }

    /**
     * Returns the exact decimal value.
     *
     * @throws ArithmeticException if the exponent is outside the range {@link BigDecimal} supports
     */
    public BigDecimal decimal() {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("exponent out of range: " + text);
        }
    }

    private void requireIntegral() {
        if (!isIntegral()) {
            throw new ArithmeticException("not an integer: " + text);
        }
    }

    private static boolean isJsonNumber(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i < s.length() && s.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < s.length() && s.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        return i == s.length();
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
