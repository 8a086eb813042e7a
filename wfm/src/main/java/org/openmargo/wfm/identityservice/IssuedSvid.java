package org.openmargo.wfm.identityservice;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An X.509-SVID just issued.
 *
 * @param spiffeId the SPIFFE ID in the leaf's only URI SAN
 * @param chain    leaf first, then any intermediates needed to reach an anchor of the bundle (the anchor itself is
 *                 not included)
 * @param notAfter the leaf's expiry
 */
public record IssuedSvid(String spiffeId, List<X509Certificate> chain, Instant notAfter) {
    public IssuedSvid {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an SVID chain holds at least the leaf");
        }
    }
}
