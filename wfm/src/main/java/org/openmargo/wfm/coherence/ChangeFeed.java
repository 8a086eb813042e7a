package org.openmargo.wfm.coherence;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on a {@link ChangeChannel} with PostgreSQL {@code LISTEN} on a connection of its own (never one of the
 * store's pool: a pooled connection goes back to the pool and its registrations with it) and hands every notification
 * to a {@link ChangeSubscriber}.
 *
 * <p>Contract:
 * <ul>
 *     <li>{@link ChangeSubscriber#lost()} is called once at start and once per failure of the connection;
 *     {@link ChangeSubscriber#restored()} once each time {@code LISTEN} is in force again, <em>after</em> it is, so a
 *     change committed between the failure and the new {@code LISTEN} is covered by the subscriber dropping
 *     everything.</li>
 *     <li>A connection failure (the database restarted, the backend was terminated, the network dropped) is noticed
 *     on the next read, or by a {@code SELECT 1} probe after {@code probeInterval} without traffic (a silently dead
 *     TCP connection yields no error by itself). It reconnects after a backoff that starts at {@code minBackoff},
 *     doubles up to {@code maxBackoff}, with up to 50% random jitter so that instances do not reconnect in step.</li>
 *     <li>{@link #close()} stops the thread and closes the connection; idempotent.</li>
 * </ul>
 * Thread safe; one daemon thread per feed.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ChangeFeed.class.getName());

    /** Where the feed's connections come from, e.g. {@code DriverManager.getConnection(url, user, password)}. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * @param probeInterval how long without a notification before the connection is probed
     * @param minBackoff    first wait before reconnecting
     * @param maxBackoff    longest wait between attempts
     */
    public record Timing(Duration probeInterval, Duration minBackoff, Duration maxBackoff) {
        /** Probe after 5 s of silence; reconnect after 200 ms, doubling up to 30 s. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    private final Connector connector;
    private final ChangeChannel channel;
    private final ChangeSubscriber subscriber;
    private final Timing timing;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean listening;

    private ChangeFeed(Connector connector, ChangeChannel channel, ChangeSubscriber subscriber, Timing timing) {
        this.connector = Objects.requireNonNull(connector);
        this.channel = Objects.requireNonNull(channel);
        this.subscriber = Objects.requireNonNull(subscriber);
        this.timing = Objects.requireNonNull(timing);
        this.thread = new Thread(this::run, "wfm-change-feed");
        this.thread.setDaemon(true);
    }

    /** Starts listening in the background; returns at once (the subscriber hears {@code lost()} first). */
    public static ChangeFeed start(Connector connector, ChangeChannel channel, ChangeSubscriber subscriber,
                                   Timing timing) {
        ChangeFeed feed = new ChangeFeed(connector, channel, subscriber, timing);
        feed.thread.start();
        return feed;
    }

    /** Whether {@code LISTEN} is in force now. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        safely(subscriber::lost);
        long backoff = timing.minBackoff().toMillis();
        while (!closed) {
            try (Connection c = connector.connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel.name() + "\"");
                }
                listening = true;
                safely(subscriber::restored);
                backoff = timing.minBackoff().toMillis();
                LOG.log(Level.INFO, "listening for desired-state changes on " + channel.name());
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                boolean wasListening = listening;
                listening = false;
                if (wasListening) {
                    safely(subscriber::lost);
                }
                LOG.log(Level.WARNING, "change notifications interrupted (" + e.getMessage()
                        + "); cached manifests are dropped and served with the short TTL; reconnecting in about "
                        + backoff + " ms");
                sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                backoff = Math.min(backoff * 2, timing.maxBackoff().toMillis());
            } finally {
                connection = null;
            }
        }
        listening = false;
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int probeMillis = Math.toIntExact(Math.max(1, timing.probeInterval().toMillis()));
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(probeMillis);
            if (notifications == null || notifications.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // a dead connection fails here; notifications also arrive with it
                }
                notifications = pg.getNotifications(1);
            }
            if (notifications == null) {
                continue;
            }
            for (PGNotification n : notifications) {
                if (n.getName().equals(channel.name())) {
                    String clientId = n.getParameter();
                    safely(() -> subscriber.changed(clientId));
                }
            }
        }
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a change subscriber failed", e);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
