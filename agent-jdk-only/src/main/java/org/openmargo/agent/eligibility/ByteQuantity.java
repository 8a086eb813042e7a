package org.openmargo.agent.eligibility;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a memory or storage amount into bytes. rc.3 writes whole numbers with a binary suffix ({@code 1024Mi},
 * {@code 5Gi}; digest f.1), while the capabilities examples put a space before it ({@code "59 Gi"}, digest e). Also
 * accepted, as a device may report them: a decimal fraction ({@code 1.5Gi}), decimal SI suffixes {@code k K M G T P E}
 * (powers of 1000) and no suffix (bytes).
 */
final class ByteQuantity {
    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGTPE]i|[kKMGTPE])?\\s*");
    private static final String PREFIXES = "KMGTPE";

    private ByteQuantity() {
    }

    /** The number of bytes, empty if {@code text} is not an amount this class reads. */
    static Optional<BigDecimal> bytes(String text) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return Optional.of(number);
        }
        int power = PREFIXES.indexOf(Character.toUpperCase(suffix.charAt(0))) + 1;
        BigDecimal base = BigDecimal.valueOf(suffix.length() == 2 ? 1024 : 1000);
        return Optional.of(number.multiply(base.pow(power)));
    }
}
