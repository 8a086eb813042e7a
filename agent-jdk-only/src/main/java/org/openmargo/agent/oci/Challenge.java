package org.openmargo.agent.oci;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 9110 section 11.6.1): its scheme and parameters, as a registry sends
 * them: {@code Basic realm="Registry"} or {@code Bearer realm="https://auth.example/token",service="registry",
 * scope="repository:shop/db:pull"}.
 *
 * @param scheme     lower-case: {@code basic} or {@code bearer} (others are read but cannot be answered)
 * @param parameters parameter names lower-case, values unquoted
 */
record Challenge(String scheme, Map<String, String> parameters) {
    Challenge {
        parameters = Map.copyOf(parameters);
    }

    /** Reads the first challenge of a header value; empty when it is not one. */
    static Optional<Challenge> parse(String header) {
        String text = header.strip();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || !scheme.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = space < 0 ? text.length() : space + 1;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < text.length() && text.charAt(j) == '"') {
                j++;
                while (j < text.length() && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    value.append(text.charAt(j++));
                }
                j++;
            } else {
                while (j < text.length() && text.charAt(j) != ',') {
                    value.append(text.charAt(j++));
                }
            }
            parameters.putIfAbsent(name, value.toString().strip());
            int comma = text.indexOf(',', j);
            if (comma < 0) {
                break;
            }
            i = comma + 1;
        }
        return Optional.of(new Challenge(scheme, parameters));
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
