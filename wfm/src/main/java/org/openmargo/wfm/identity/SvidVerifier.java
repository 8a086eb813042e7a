package org.openmargo.wfm.identity;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates a WFM client's X.509-SVID chain in the order of spec b.1:
 * <ol>
 *     <li>exactly one URI SAN on the leaf, a SPIFFE ID in this WFM's trust domain;</li>
 *     <li>the exact client shape {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<wfm-client-id>} with this WFM's
 *     wfm-id;</li>
 *     <li>RFC 5280 path validation of leaf plus presented intermediates against the anchors of the given bundle at the
 *     given instant, revocation disabled (the spec has no CRL or OCSP); the presented chain may include an anchor or
 *     not, and intermediates are never fetched;</li>
 *     <li>leaf profile (SPIFFE X.509-SVID, spec b.1): not a CA; keyUsage present with {@code digitalSignature} and
 *     without {@code keyCertSign} or {@code cRLSign}; an extKeyUsage, when present, includes {@code clientAuth};
 *     the key allowed by {@link SvidKey} (the rule CSRs are checked with).</li>
 * </ol>
 * Authorisation (the accepted-client policy) is not part of this check. Stateless and thread safe.
 */
final class SvidVerifier {
    private static final int URI_SAN = 6;
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";
    private static final int CRL_SIGN = 6;

    private final String trustDomain;
    private final String wfmId;

    SvidVerifier(String trustDomain, String wfmId) {
        this.trustDomain = Objects.requireNonNull(trustDomain);
        this.wfmId = Objects.requireNonNull(wfmId);
    }

    /** The result of {@link #verify}: a recognised client, or the first rule the chain breaks. */
    sealed interface Outcome permits Valid, Rejected {
    }

    /**
     * @param clientId   the wfm-client-id from the SPIFFE ID
     * @param validUntil the earliest {@code notAfter} on the validated path: the result holds until then at most
     * @param validFrom  the latest {@code notBefore} on the validated path
     */
    record Valid(String clientId, Instant validFrom, Instant validUntil) implements Outcome {
    }

    /** @param reason why, about the presented certificate only, safe to show to the presenter */
    record Rejected(String reason) implements Outcome {
    }

    /**
     * @param chain  the peer chain, leaf first, as presented in the handshake
     * @param bundle the anchors to validate against
     * @param at     the instant validity periods are checked at
     */
    Outcome verify(List<X509Certificate> chain, TrustBundle bundle, Instant at) {
        if (chain.isEmpty()) {
            return new Rejected("no client certificate");
        }
        X509Certificate leaf = chain.getFirst();
        String uri;
        try {
            Optional<String> single = singleUriSan(leaf);
            if (single.isEmpty()) {
                return new Rejected("the certificate must carry exactly one URI SAN");
            }
            uri = single.get();
        } catch (CertificateParsingException e) {
            return new Rejected("the subject alternative names cannot be read");
        }
        SpiffeId id;
        try {
            id = SpiffeId.parse(uri);
        } catch (IllegalArgumentException e) {
            return new Rejected("the URI SAN is not a SPIFFE ID: " + e.getMessage());
        }
        if (id.segments().isEmpty()) {
            return new Rejected("the SPIFFE ID has no path");
        }
        if (!id.trustDomain().equals(trustDomain)) {
            return new Rejected("trust domain '" + id.trustDomain() + "' is not this WFM's trust domain");
        }
        Optional<String> clientId = id.clientOf(trustDomain, wfmId);
        if (clientId.isEmpty()) {
            return new Rejected("SPIFFE ID " + id + " is not a client of this WFM "
                    + "(expected spiffe://" + trustDomain + "/margo/wfm/" + wfmId + "/client/<wfm-client-id>)");
        }
        if (clientId.get().length() > ClientId.MAX_LENGTH) {
            return new Rejected("the wfm-client-id is longer than " + ClientId.MAX_LENGTH + " characters");
        }
        List<X509Certificate> path = pathBelowAnchors(chain, bundle);
        Optional<String> pathProblem = validatePath(path, bundle, at);
        if (pathProblem.isPresent()) {
            return new Rejected(pathProblem.get());
        }
        Optional<String> leafProblem = leafConstraints(leaf);
        if (leafProblem.isPresent()) {
            return new Rejected(leafProblem.get());
        }
        return new Valid(clientId.get(), latestNotBefore(path), earliestNotAfter(path));
    }

    private static Optional<String> singleUriSan(X509Certificate leaf) throws CertificateParsingException {
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        if (names == null) {
            return Optional.empty();
        }
        List<String> uris = new ArrayList<>();
        for (List<?> name : names) {
            if (name.size() >= 2 && Integer.valueOf(URI_SAN).equals(name.get(0)) && name.get(1) instanceof String s) {
                uris.add(s);
            }
        }
        return uris.size() == 1 ? Optional.of(uris.getFirst()) : Optional.empty();
    }

    // The presenter MAY include the anchor (spec b.1); a PKIX path must stop below it.
    private static List<X509Certificate> pathBelowAnchors(List<X509Certificate> chain, TrustBundle bundle) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(chain.getFirst());
        for (int i = 1; i < chain.size() && !bundle.isAnchor(chain.get(i)); i++) {
            path.add(chain.get(i));
        }
        return path;
    }

    private static Optional<String> validatePath(List<X509Certificate> path, TrustBundle bundle, Instant at) {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(bundle.trustAnchors());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(pathReason(e));
        } catch (GeneralSecurityException e) {
            return Optional.of("the certificate chain cannot be validated: " + e.getMessage());
        }
    }

    private static String pathReason(CertPathValidatorException e) {
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return "certificate expired";
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return "certificate not yet valid";
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return "certificate chain does not lead to an anchor of the current trust bundle";
        }
        if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return "certificate signature does not verify";
        }
        return "certificate chain rejected (" + reason + ")";
    }

    private static Optional<String> leafConstraints(X509Certificate leaf) {
        if (leaf.getBasicConstraints() >= 0) {
            return Optional.of("the SVID is a CA certificate (cA=true)");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null || usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE]) {
            return Optional.of("the SVID lacks the digitalSignature key usage");
        }
        if (usage.length > KEY_CERT_SIGN && usage[KEY_CERT_SIGN]) {
            return Optional.of("the SVID has the keyCertSign key usage");
        }
        if (usage.length > CRL_SIGN && usage[CRL_SIGN]) {
            return Optional.of("the SVID has the cRLSign key usage");
        }
        try {
            List<String> purposes = leaf.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_PURPOSE)) {
                return Optional.of("the SVID's extended key usage does not include clientAuth");
            }
        } catch (CertificateParsingException e) {
            return Optional.of("the SVID's extended key usage cannot be read");
        }
        return SvidKey.problem(leaf.getPublicKey()).map(p -> "the SVID's key is not allowed: " + p);
    }

    private static Instant earliestNotAfter(List<X509Certificate> path) {
        Instant result = Instant.MAX;
        for (X509Certificate certificate : path) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            result = notAfter.isBefore(result) ? notAfter : result;
        }
        return result;
    }

    private static Instant latestNotBefore(List<X509Certificate> path) {
        Instant result = Instant.MIN;
        for (X509Certificate certificate : path) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            result = notBefore.isAfter(result) ? notBefore : result;
        }
        return result;
    }
}
