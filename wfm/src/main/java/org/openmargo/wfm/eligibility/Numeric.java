package org.openmargo.wfm.eligibility;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

import org.openmargo.wfm.json.JsonBody;

/** A number from either tree the eligibility rules compare: a YAML description or a JSON capabilities document. */
final class Numeric {
    private Numeric() {
    }

    /** The exact value of a YAML integer or float or a JSON number; empty for anything else (strings included). */
    static Optional<BigDecimal> of(Object value) {
        return switch (value) {
            case BigInteger i -> Optional.of(new BigDecimal(i));
            case BigDecimal d -> Optional.of(d);
            case JsonBody.Numeral n -> Optional.of(n.value());
            case null, default -> Optional.empty();
        };
    }
}
