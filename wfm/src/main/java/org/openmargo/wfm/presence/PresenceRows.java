package org.openmargo.wfm.presence;

import java.time.Instant;
import java.util.Map;

/**
 * The table behind {@link Presence} ({@code client_presence}): the last poll of each client as any WFM instance saw
 * it. No rules; never called on a poll's path, only by {@link Presence#flush()}.
 */
public interface PresenceRows {

    /**
     * Stores these polls, each only when it is newer than the stored one (two instances flushing the same client keep
     * the later poll). One transaction, a bounded number of statements (several rows per statement).
     */
    void save(Map<String, Presence.Poll> polls);

    /** The stored polls at or after {@code since}, by client id. */
    Map<String, Presence.Poll> since(Instant since);
}
