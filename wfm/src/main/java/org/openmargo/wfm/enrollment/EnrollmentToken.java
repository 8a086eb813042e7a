package org.openmargo.wfm.enrollment;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about an enrollment token, without its secret.
 *
 * @param tokenId   a public handle: the first 16 hex digits of the token's SHA-256; safe to show and log
 * @param clientId  the wfm-client-id the token enrolls
 * @param createdAt when the operator created it
 * @param createdBy the operator name that created it
 * @param expiresAt the end of its validity
 * @param usedAt    when it was redeemed, if it was
 * @param revokedAt when it was revoked, if it was
 */
public record EnrollmentToken(String tokenId, String clientId, Instant createdAt, String createdBy, Instant expiresAt,
                              Optional<Instant> usedAt, Optional<Instant> revokedAt) {

    /** Where a token stands; only {@link #UNUSED} can be redeemed. */
    public enum State {
        UNUSED, USED, EXPIRED, REVOKED;

        /** The lower-case wire name. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public EnrollmentToken {
        Objects.requireNonNull(tokenId);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(createdBy);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(usedAt);
        Objects.requireNonNull(revokedAt);
    }

    /** The state at {@code now}: used and revoked win over expired, so the list shows what happened. */
    public State state(Instant now) {
        if (usedAt.isPresent()) {
            return State.USED;
        }
        if (revokedAt.isPresent()) {
            return State.REVOKED;
        }
        return now.isBefore(expiresAt) ? State.UNUSED : State.EXPIRED;
    }
}
