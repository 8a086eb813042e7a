package org.openmargo.wfm.enrollment;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openmargo.wfm.identity.AcceptedClientPolicy;
import org.openmargo.wfm.identityservice.CsrRejectedException;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityservice.IssuedSvid;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Device enrollment: a one-time token and a CSR in, a client SVID out, the client accepted.
 *
 * <p>The order is what makes it safe:
 * <ol>
 *     <li>the token is looked up (read only): an unusable token ends here, before any signing;</li>
 *     <li>the SVID is issued: a rejected CSR ends here and leaves the token untouched, so the device can fix its CSR
 *     and try again;</li>
 *     <li>the token is redeemed and the client accepted in <em>one</em> database transaction, with a conditional
 *     update that only one concurrent caller can win. A loser gets the token refusal and its freshly issued SVID is
 *     dropped, never sent;</li>
 *     <li>only then is the SVID returned.</li>
 * </ol>
 * So a used token always comes with an accepted client, and an SVID only leaves the WFM for a used token. If the
 * transaction fails, the token stays usable and the caller gets a 503.
 *
 * <p>Thread safe.
 */
public final class Enrollment {
    private static final Logger LOG = Logger.getLogger(Enrollment.class.getName());

    private final EnrollmentTokens tokens;
    private final IdentityService identityService;
    private final AcceptedClientPolicy policy;

    public Enrollment(EnrollmentTokens tokens, IdentityService identityService, AcceptedClientPolicy policy) {
        this.tokens = Objects.requireNonNull(tokens);
        this.identityService = Objects.requireNonNull(identityService);
        this.policy = Objects.requireNonNull(policy);
    }

    /**
     * Enrolls the client the token names.
     *
     * @throws ProblemException     {@link ProblemType#ENROLLMENT_TOKEN_REFUSED} for an unknown, used, expired or
     *                              revoked token, one answer for all
     * @throws CsrRejectedException when the identity service will not sign the CSR; the token is not consumed
     */
    public IssuedSvid enroll(String token, String csrPem) {
        String clientId = tokens.redeemable(token).orElseThrow(Enrollment::refused);
        IssuedSvid svid = identityService.issueClient(clientId, csrPem);
        tokens.redeem(token).filter(clientId::equals).orElseThrow(Enrollment::refused);
        try {
            // Already accepted in the database by the redeeming transaction; this makes it effective for this
            // instance's in-memory policy now instead of at its next refresh.
            policy.accept(clientId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "client '" + clientId + "' is accepted in the database but this instance's policy "
                    + "will only see it at its next refresh", e);
        }
        return svid;
    }

    /**
     * The client id a token would enroll now (reads only), to attribute the enrollment before it runs.
     *
     * @throws ProblemException {@link ProblemType#ENROLLMENT_TOKEN_REFUSED} for any token that cannot be redeemed
     */
    public String clientOf(String token) {
        return tokens.redeemable(token).orElseThrow(Enrollment::refused);
    }

    /** The trust bundle to return with an SVID. */
    public byte[] trustBundleJson() {
        return identityService.trustBundleJson();
    }

    static ProblemException refused() {
        return new ProblemException(ProblemType.ENROLLMENT_TOKEN_REFUSED,
                "The enrollment token is not valid. Ask the operator for a new one.");
    }
}
