package org.openmargo.wfm.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each client last polled its State Manifest on this WFM instance, and which manifest version it was then
 * served (or confirmed with a 304): the fleet progress's "delivered" and "stale" states. Kept in memory only, so that
 * a poll (above all one answered 304) never touches the database; after a restart, or for polls another instance
 * answered, a client counts as never seen until it polls here. One small entry per client; thread safe.
 */
public final class Presence {
    private final Clock clock;
    private final ConcurrentHashMap<String, Poll> polls = new ConcurrentHashMap<>();

    public Presence(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param at              when the client last polled
     * @param manifestVersion the manifest version it holds after that poll
     */
    public record Poll(Instant at, long manifestVersion) {
    }

    /** Records a poll by {@code clientId} that left it holding {@code manifestVersion}. */
    public void polled(String clientId, long manifestVersion) {
        polls.put(clientId, new Poll(clock.instant(), manifestVersion));
    }

    /** The client's last poll here; empty when it never polled this instance since it started. */
    public Optional<Poll> last(String clientId) {
        return Optional.ofNullable(polls.get(clientId));
    }

    /** The current time of the clock the polls are stamped with. */
    public Instant now() {
        return clock.instant();
    }
}
