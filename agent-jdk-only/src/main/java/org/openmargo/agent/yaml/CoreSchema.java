package org.openmargo.agent.yaml;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNull;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/** Resolves plain scalars by the YAML 1.2 core schema (YAML 1.2.2 section 10.3.2). Stateless. */
final class CoreSchema {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private CoreSchema() {
    }

    /**
     * Returns the JSON value of a plain scalar.
     *
     * @throws IllegalArgumentException for {@code .inf} and {@code .nan}, which JSON cannot represent
     */
    static JsonValue resolve(String plain) {
        switch (plain) {
            case "", "~", "null", "Null", "NULL" -> {
                return JsonNull.INSTANCE;
            }
            case "true", "True", "TRUE" -> {
                return new JsonBool(true);
            }
            case "false", "False", "FALSE" -> {
                return new JsonBool(false);
            }
            default -> {
                return "-+.0123456789".indexOf(plain.charAt(0)) < 0 ? new JsonString(plain) : resolveNumber(plain);
            }
        }
    }

    private static JsonValue resolveNumber(String plain) {
        if (DECIMAL.matcher(plain).matches()) {
            return new JsonNumber(canonicalInteger(plain));
        }
        if (OCTAL.matcher(plain).matches()) {
            return new JsonNumber(new BigInteger(plain.substring(2), 8).toString());
        }
        if (HEX.matcher(plain).matches()) {
            return new JsonNumber(new BigInteger(plain.substring(2), 16).toString());
        }
        if (FLOAT.matcher(plain).matches()) {
            return new JsonNumber(canonicalFloat(plain));
        }
        if (NOT_FINITE.matcher(plain).matches()) {
            throw new IllegalArgumentException(plain);
        }
        return new JsonString(plain);
    }

    private static String canonicalInteger(String plain) {
        String sign = plain.startsWith("-") ? "-" : "";
        return sign + stripLeadingZeros(plain.replaceFirst("^[-+]", ""));
    }

    private static String canonicalFloat(String plain) {
        String sign = plain.startsWith("-") ? "-" : "";
        String body = plain.replaceFirst("^[-+]", "");
        int e = Math.max(body.indexOf('e'), body.indexOf('E'));
        String exponent = e < 0 ? "" : body.substring(e);
        String mantissa = e < 0 ? body : body.substring(0, e);
        int dot = mantissa.indexOf('.');
        if (dot < 0) {
            return sign + stripLeadingZeros(mantissa) + exponent;
        }
        String fraction = mantissa.substring(dot + 1);
        // "1." is a float in YAML; keep it one in JSON by writing "1.0".
        return sign + stripLeadingZeros(mantissa.substring(0, dot)) + "." + (fraction.isEmpty() ? "0" : fraction)
                + exponent;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.isEmpty() ? "0" : digits.substring(i);
    }
}
