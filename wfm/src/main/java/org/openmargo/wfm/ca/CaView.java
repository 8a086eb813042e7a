package org.openmargo.wfm.ca;

import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of the CA.
 *
 * @param anchors          every anchor not retired, oldest first
 * @param bundleSequence   the {@code spiffe_sequence} of the published bundle
 * @param issuingAnchor    fingerprint of the anchor that issues now (state ACTIVE)
 * @param operatorSupplied whether the issuing CA was supplied by the operator (rotation is then refused)
 */
public record CaView(List<AnchorInfo> anchors, long bundleSequence, String issuingAnchor, boolean operatorSupplied) {
    public CaView {
        anchors = List.copyOf(anchors);
    }

    /**
     * One anchor.
     *
     * @param fingerprint {@code sha256:<hex>} of the published anchor certificate
     * @param algorithm   its key algorithm
     * @param state       where it is in its life
     * @param notBefore   start of validity
     * @param notAfter    end of validity
     */
    public record AnchorInfo(String fingerprint, String algorithm, AnchorState state, Instant notBefore,
                             Instant notAfter) {
    }
}
