package org.openmargo.wfm.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable enrollment tokens, keyed by the SHA-256 of the token (64 lower-case hex digits); the token itself is
 * never stored. Implementations are thread safe and fail with {@code org.openmargo.wfm.store.StoreException}.
 */
public interface EnrollmentTokenStore {

    /** Stores a new, unused token. */
    void add(String tokenHash, EnrollmentToken token);

    /** The client id of the token with this hash when it is redeemable at {@code now}; reads only. */
    Optional<String> redeemable(String tokenHash, Instant now);

    /**
     * Marks the token used and accepts its client in the accepted-client policy, in one transaction: either both
     * happen or neither. Single use under any concurrency: of several concurrent calls for one token, at most one
     * returns the client id.
     *
     * @return the token's client id, or empty when the token is unknown, used, revoked or expired at {@code now}
     */
    Optional<String> redeem(String tokenHash, Instant now);

    /** Every token, newest first. */
    List<EnrollmentToken> list();

    /**
     * Revokes one unused, unrevoked token.
     *
     * @return whether a token was revoked (false when the id is unknown or the token was already used or revoked)
     */
    boolean revoke(String tokenId, Instant now);

    /** Revokes every unused, unrevoked token of a client; returns how many. */
    int revokeUnused(String clientId, Instant now);
}
