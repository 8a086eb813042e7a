package org.openmargo.wfm.eligibility;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory or storage size with a binary unit, as a number of bytes. Reads both the strict form of a description
 * ({@code 1024Mi}) and the lenient form the WFM accepts in capabilities ({@code 7.5 Gi}, see the device package).
 */
final class Quantity {
    private static final Pattern TEXT = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s?(Ki|Mi|Gi|Ti|Pi|Ei)$");
    private static final Map<String, Integer> POWERS = Map.of("Ki", 1, "Mi", 2, "Gi", 3, "Ti", 4, "Pi", 5, "Ei", 6);
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

    private Quantity() {
    }

    /** The size in bytes; empty when {@code value} is not such a string. */
    static Optional<BigDecimal> bytes(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(m.group(1)).multiply(KIBI.pow(POWERS.get(m.group(2)))));
    }
}
