package org.openmargo.wfm.identity;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Identifies the caller of one HTTP request from its TLS peer chain. Call it for <em>every</em> request, including
 * those on resumed TLS sessions: the handshake check does not run again on resumption, and spec b.1 says resumption
 * must not extend authentication and authorisation is re-evaluated per request.
 *
 * <p>Each call:
 * <ol>
 *     <li>re-validates the chain with {@link SvidVerifier} at the clock's current instant against the current trust
 *     bundle, so an SVID that expired during a long-lived or resumed session, or whose anchor left the bundle, is
 *     refused. Through the {@link VerdictCache} shared with the handshake: a chain already validated against this
 *     bundle, and still inside the validity window of its path, does no PKIX work;</li>
 *     <li>always asks the {@link AcceptedClientPolicy} (never cached).</li>
 * </ol>
 * No I/O. Failures are {@link ProblemException} with {@link ProblemType#NOT_AUTHORIZED}; the detail speaks only
 * about the presented certificate. Thread safe.
 */
public final class CallerAuthenticator {
    private final VerdictCache verdicts;
    private final AcceptedClientPolicy policy;
    private final Clock clock;

    CallerAuthenticator(VerdictCache verdicts, AcceptedClientPolicy policy, Clock clock) {
        this.verdicts = Objects.requireNonNull(verdicts);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @param peerChain the TLS peer certificates of the request's connection, leaf first; empty when the connection
     *                  carried none (for example plain HTTP)
     * @return the wfm-client-id of the caller
     * @throws ProblemException {@link ProblemType#NOT_AUTHORIZED} when the chain is missing or invalid now, or the
     *                          client is not allowed by the accepted-client policy
     */
    public String authenticate(Optional<Certificate[]> peerChain) {
        return authenticate(x509(peerChain), ProblemType.NOT_AUTHORIZED);
    }

    /**
     * The same checks as {@link #authenticate(Optional)}, for a chain that a trusted TLS-terminating proxy forwarded
     * (RFC 9440) instead of one from this connection's handshake. Since no handshake checked it, a chain that does not
     * validate is answered as missing credentials: {@link ProblemType#UNAUTHORIZED} (401); a valid SVID the
     * accepted-client policy refuses is {@link ProblemType#NOT_AUTHORIZED} (403), as on a direct connection.
     *
     * @param chain leaf first, as forwarded; must not be empty
     */
    public String authenticateForwarded(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "no client certificate was forwarded");
        }
        return authenticate(List.copyOf(chain), ProblemType.UNAUTHORIZED);
    }

    private String authenticate(List<X509Certificate> chain, ProblemType invalidAs) {
        Instant now = clock.instant();
        SvidVerifier.Valid valid = switch (verdicts.verify(chain, now)) {
            case SvidVerifier.Valid v -> v;
            case SvidVerifier.Rejected rejected -> throw new ProblemException(invalidAs,
                    "client certificate rejected: " + rejected.reason());
        };
        AcceptedClientPolicy.Decision decision = policy.decide(valid.clientId());
        return switch (decision) {
            case ACCEPTED, NAMESPACE -> valid.clientId();
            case RETIRED -> throw refused("client '" + valid.clientId() + "' is retired by this WFM");
            case UNKNOWN -> throw refused("client '" + valid.clientId() + "' is not accepted by this WFM");
        };
    }

    private static List<X509Certificate> x509(Optional<Certificate[]> peerChain) {
        Certificate[] certificates = peerChain.orElse(new Certificate[0]);
        if (certificates.length == 0) {
            throw refused("no client certificate was presented");
        }
        List<X509Certificate> result = new ArrayList<>(certificates.length);
        for (Certificate certificate : certificates) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw refused("the client certificate is not an X.509 certificate");
            }
            result.add(x509);
        }
        return result;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemType.NOT_AUTHORIZED, detail);
    }
}
