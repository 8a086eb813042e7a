package org.openmargo.wfm.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When each client last polled its State Manifest, and which manifest version it was then served (or confirmed with a
 * 304): the fleet progress's "delivered" and "stale" states.
 *
 * <p>A poll only writes memory ({@link #polled}), so a poll (above all one answered 304) never touches the database.
 * With {@link PresenceRows}, {@link #flush()} (run every interval by {@link #start}) saves the clients that polled
 * here since the last flush in one transaction of a few multi-row statements (at most {@link #MAX_PER_FLUSH} clients
 * per flush; the rest wait for the next), then reads back what every instance saved since the last read. {@link #last}
 * is the later of this instance's own poll and the stored one, so a client behind a load balancer shows its last poll
 * on any instance at most about two intervals (the other instance's flush, then this one's read) after it happened,
 * and a restarted instance starts from the table: it loses at most the polls of the last interval before it stopped.
 * Without rows (tests, a single instance that needs no history) it is memory only. Thread safe.
 */
public final class Presence {
    /** The most clients one flush saves; a backlog beyond it drains over the next flushes. */
    public static final int MAX_PER_FLUSH = 10_000;
    private static final Logger LOG = Logger.getLogger(Presence.class.getName());

    private final Clock clock;
    private final Optional<PresenceRows> rows;
    private final ConcurrentHashMap<String, Poll> polls = new ConcurrentHashMap<>();
    private final Set<String> unsaved = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Poll> stored = new ConcurrentHashMap<>();
    private volatile Instant readSince = Instant.EPOCH;
    private volatile Duration overlap = Duration.ofMinutes(1);

    /** Memory only: polls answered by other instances, or before a restart, are not seen. */
    public Presence(Clock clock) {
        this(clock, Optional.empty());
    }

    /** Polls are also saved to, and read back from, {@code rows} by {@link #flush()}. */
    public Presence(Clock clock, PresenceRows rows) {
        this(clock, Optional.of(rows));
    }

    private Presence(Clock clock, Optional<PresenceRows> rows) {
        this.clock = clock;
        this.rows = rows;
    }

    /**
     * @param at              when the client last polled
     * @param manifestVersion the manifest version it holds after that poll
     */
    public record Poll(Instant at, long manifestVersion) {
        /** The later of two polls; {@code this} on a tie. */
        public Poll later(Poll other) {
            return other == null || !other.at.isAfter(at) ? this : other;
        }
    }

    /** Records a poll by {@code clientId} that left it holding {@code manifestVersion}. Memory only. */
    public void polled(String clientId, long manifestVersion) {
        polls.put(clientId, new Poll(clock.instant(), manifestVersion));
        unsaved.add(clientId);
    }

    /** The client's last poll seen here or stored by any instance; empty when none is known. Memory only. */
    public Optional<Poll> last(String clientId) {
        Poll own = polls.get(clientId);
        Poll saved = stored.get(clientId);
        return Optional.ofNullable(own == null ? saved : own.later(saved));
    }

    /** The current time of the clock the polls are stamped with. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Saves the polls taken here since the last flush (at most {@link #MAX_PER_FLUSH}), then reads what every instance
     * saved since the last read. A failed save keeps the polls for the next flush. Does nothing without rows.
     *
     * @return how many clients were saved
     */
    public int flush() {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Poll> batch = new HashMap<>();
        for (Iterator<String> it = unsaved.iterator(); it.hasNext() && batch.size() < MAX_PER_FLUSH; ) {
            String client = it.next();
            it.remove();
            Poll p = polls.get(client);
            if (p != null) {
                batch.put(client, p);
            }
        }
        try {
            if (!batch.isEmpty()) {
                rows.get().save(batch);
            }
        } catch (RuntimeException e) {
            unsaved.addAll(batch.keySet());
            throw e;
        }
        // Another instance saves a poll up to one of its intervals after it happened: read with an overlap.
        Instant started = clock.instant();
        rows.get().since(readSince).forEach((client, p) -> stored.merge(client, p, Poll::later));
        readSince = started.minus(overlap);
        return batch.size();
    }

    /**
     * Saves every poll taken here that is not saved yet, in as many flushes as it takes: for a graceful stop, once no
     * more polls arrive, so that a restart (or another instance) still knows them. Stops at the first failure, which
     * it throws; the polls it could not save are lost with the process.
     *
     * @return how many clients were saved
     */
    public int drain() {
        int saved = 0;
        while (!unsaved.isEmpty()) {
            int n = flush();
            if (n == 0) {
                break;
            }
            saved += n;
        }
        return saved;
    }

    /**
     * Runs {@link #flush()} every {@code interval} on {@code executor} (the first run at once, which loads the table
     * after a restart); a failure is logged and the next run retries.
     */
    public void start(ScheduledExecutorService executor, Duration interval) {
        overlap = interval.multipliedBy(3).plus(Duration.ofMinutes(1));
        executor.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "saving the clients' last polls failed; the next flush retries", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
