package org.openmargo.wfm.identity;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The X.509 trust anchors of the trust domain (spec b.1, trust bundle), as read from a SPIFFE bundle or a PEM file.
 * Never empty: a bundle without x509 anchors is rejected when parsed (fail closed).
 *
 * @param anchors     root or authority certificates; any of them anchors a valid chain
 * @param sequence    the {@code spiffe_sequence}, when the source carries one
 * @param refreshHint the {@code spiffe_refresh_hint}, when the source carries one
 */
record TrustBundle(List<X509Certificate> anchors, OptionalLong sequence, Optional<Duration> refreshHint) {

    TrustBundle {
        anchors = List.copyOf(anchors);
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("trust bundle has no x509 anchors");
        }
    }

    /** The anchors as PKIX trust anchors, without name constraints. */
    Set<TrustAnchor> trustAnchors() {
        Set<TrustAnchor> result = new LinkedHashSet<>();
        for (X509Certificate anchor : anchors) {
            result.add(new TrustAnchor(anchor, null));
        }
        return result;
    }

    /** Whether {@code certificate} is one of the anchors (byte-wise equal). */
    boolean isAnchor(X509Certificate certificate) {
        return anchors.contains(certificate);
    }
}
