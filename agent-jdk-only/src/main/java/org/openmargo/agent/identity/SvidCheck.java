package org.openmargo.agent.identity;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.TrustBundle;

/**
 * Checks an SVID the agent is about to install, beyond what {@link Svid#of} already checks (the key belongs to the
 * leaf; the leaf has exactly one URI SAN of the shape {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<id>}): the
 * expected trust domain or SPIFFE ID, validity at the given instant, and that the chain validates (PKIX, no
 * revocation, which SPIFFE does not use) against the anchors of a trust bundle. Stateless.
 */
public final class SvidCheck {
    private SvidCheck() {
    }

    /**
     * @param trustDomain the trust domain the SVID must be in, when known (enrollment: the discovery document's)
     * @param spiffeId    the exact SPIFFE ID it must carry, when known (renewal: the current one)
     * @throws IllegalArgumentException saying which check failed
     */
    public static void verify(Svid svid, TrustBundle bundle, Optional<String> trustDomain, Optional<String> spiffeId,
                              Instant now) {
        trustDomain.filter(td -> !td.equals(svid.trustDomain())).ifPresent(td -> {
            throw new IllegalArgumentException("the SVID " + svid.spiffeId() + " is not in the trust domain '" + td
                    + "'");
        });
        spiffeId.filter(id -> !id.equals(svid.spiffeId())).ifPresent(id -> {
            throw new IllegalArgumentException("the SVID names " + svid.spiffeId() + " instead of " + id);
        });
        if (!svid.notAfter().isAfter(now)) {
            throw new IllegalArgumentException("the SVID expired at " + svid.notAfter());
        }
        chains(svid.chain(), bundle.anchors(), now);
    }

    private static void chains(List<X509Certificate> chain, List<X509Certificate> anchors, Instant now) {
        try {
            Set<TrustAnchor> trusted = anchors.stream().map(a -> new TrustAnchor(a, null))
                    .collect(Collectors.toUnmodifiableSet());
            // A chain may carry its anchor at the end; PKIX wants the path below the anchor.
            List<X509Certificate> path = chain.stream().filter(c -> !anchors.contains(c)).toList();
            PKIXParameters parameters = new PKIXParameters(trusted);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate chain does not validate against the trust bundle: "
                    + e.getMessage(), e);
        }
    }
}
