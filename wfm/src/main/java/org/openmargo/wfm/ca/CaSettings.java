package org.openmargo.wfm.ca;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the certificate authority is configured with.
 *
 * @param trustDomain       the SPIFFE trust domain; a generated anchor carries {@code spiffe://<td>} as URI SAN
 * @param algorithm         key algorithm of generated anchors (first start and every {@code stage})
 * @param caLifetime        validity of a generated anchor
 * @param bundleRefreshHint the published bundle's {@code spiffe_refresh_hint}
 * @param passphrase        encrypts every CA key at rest
 * @param operatorCa        an operator-supplied CA, imported as the first anchor when the database has none
 */
public record CaSettings(String trustDomain, AnchorAlgorithm algorithm, Duration caLifetime,
                         Duration bundleRefreshHint, char[] passphrase, Optional<OperatorCa> operatorCa) {
    public CaSettings {
        Objects.requireNonNull(trustDomain);
        Objects.requireNonNull(algorithm);
        Objects.requireNonNull(caLifetime);
        Objects.requireNonNull(bundleRefreshHint);
        Objects.requireNonNull(passphrase);
        Objects.requireNonNull(operatorCa);
    }

    @Override
    public String toString() {
        return "CaSettings[trustDomain=" + trustDomain + ", algorithm=" + algorithm + "]";
    }
}
