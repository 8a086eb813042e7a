package org.openmargo.wfm.enrollment;

import org.openmargo.wfm.identity.ClientId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.wfm.identity.SpiffeId;

/**
 * One-time enrollment tokens: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters), returned
 * once by {@link #create} and stored only as their SHA-256. A token enrolls exactly one client id, once, before it
 * expires, unless revoked.
 *
 * <p>Thread safe. Store failures pass through as {@code StoreException}.
 */
public final class EnrollmentTokens {
    /** The lifetime of a token when the operator names none. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** The longest lifetime accepted. */
    public static final Duration MAX_TTL = Duration.ofDays(30);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_PRESENTED_LENGTH = 256;

    private final EnrollmentTokenStore store;
    private final Clock clock;
    private final SecureRandom random;

    public EnrollmentTokens(EnrollmentTokenStore store, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * A token just created: the secret is in {@link #token()} and nowhere else.
     *
     * @param token the secret to give the device, once
     * @param info  what is stored about it
     */
    public record Created(String token, EnrollmentToken info) {
    }

    /**
     * Creates a token for {@code clientId}.
     *
     * @param ttl       between one second and {@link #MAX_TTL}
     * @param createdBy the operator name, for the list and the audit log
     * @throws IllegalArgumentException when the client id is not a wfm-client-id segment or the ttl is out of range
     */
    public Created create(String clientId, Duration ttl, String createdBy) {
        if (!ClientId.isValid(clientId)) {
            throw new IllegalArgumentException(ClientId.RULE);
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("the lifetime must be between PT1S and P30D (720 hours)");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = hash(token);
        Instant now = clock.instant();
        EnrollmentToken info = new EnrollmentToken(idOf(hash), clientId, now, createdBy, now.plus(ttl),
                Optional.empty(), Optional.empty());
        store.add(hash, info);
        return new Created(token, info);
    }

    /** The client id a presented token would enroll now; empty for any token that cannot be redeemed. Reads only. */
    public Optional<String> redeemable(String presented) {
        return wellFormed(presented) ? store.redeemable(hash(presented), clock.instant()) : Optional.empty();
    }

    /**
     * Redeems a presented token and accepts its client, atomically and at most once.
     *
     * @return the client id, or empty when the token is unknown, used, expired or revoked (or lost a race)
     */
    public Optional<String> redeem(String presented) {
        return wellFormed(presented) ? store.redeem(hash(presented), clock.instant()) : Optional.empty();
    }

    /** Every token without its secret, newest first. */
    public List<EnrollmentToken> list() {
        return store.list();
    }

    /** Revokes an unused token by its public id; false when there is no such unused token. */
    public boolean revoke(String tokenId) {
        return store.revoke(tokenId, clock.instant());
    }

    /** Revokes the unused tokens of a client (when it is retired); returns how many. */
    public int revokeUnused(String clientId) {
        return store.revokeUnused(clientId, clock.instant());
    }

    /** The time source of token states. */
    public Instant now() {
        return clock.instant();
    }

    /** The SHA-256 of the token's text, as 64 lower-case hex digits: the only form in which a token is stored. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }

    private static String idOf(String hash) {
        return hash.substring(0, 16);
    }

    private static boolean wellFormed(String presented) {
        // Not a format check (which would tell an attacker nothing anyway), just a bound on what is hashed.
        return presented != null && !presented.isEmpty() && presented.length() <= MAX_PRESENTED_LENGTH;
    }
}
