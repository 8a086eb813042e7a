package org.openmargo.wfm.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The console's sessions, in memory: a restart signs every operator out, and with several WFMs behind one address a
 * session lives only on the WFM that created it (docs/console.md).
 *
 * <p>A session ends {@code idleTimeout} after its last use or {@code absoluteTimeout} after sign-in, whichever comes
 * first, or at sign-out. At most {@code maxSessions} live at once: a sign-in beyond that ends the least recently
 * used one. Sessions are kept under the SHA-256 of their id, so looking one up does not compare secrets. Thread
 * safe.
 */
public final class SessionStore {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final int maxSessions;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param random the source of ids and CSRF tokens; a {@code SecureRandom} outside tests
     */
    public SessionStore(Duration idleTimeout, Duration absoluteTimeout, int maxSessions, Clock clock,
                        RandomGenerator random) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout);
        this.absoluteTimeout = Objects.requireNonNull(absoluteTimeout);
        this.maxSessions = maxSessions;
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /** Starts a session for an operator whose credential has been checked. */
    public Session create(String operator, String credential) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= maxSessions) {
            sessions.values().stream().min(Comparator.comparing(Session::lastUsed))
                    .ifPresent(oldest -> sessions.remove(key(oldest.id())));
        }
        Session session = new Session(secret(), secret(), operator, credential, now, now);
        sessions.put(key(session.id()), session);
        return session;
    }

    /** The live session with this id, marked as used now; empty when there is none or it has expired. */
    public Optional<Session> use(String id) {
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(key(id), (k, s) -> expired(s, now) ? null : s.usedAt(now));
        return Optional.ofNullable(found);
    }

    /** Ends the session with this id, if any. */
    public void end(String id) {
        sessions.remove(key(id));
    }

    /** How long a session may stay unused. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idleTimeout)) || !now.isBefore(s.createdAt().plus(absoluteTimeout));
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    private static String key(String id) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
