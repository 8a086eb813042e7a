package org.openmargo.wfm.httpcommon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.helidon.common.tls.Tls;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import org.openmargo.wfm.identity.DecoratedSslContext;

/**
 * Deadlines for the two phases of a connection that Helidon 4.5.0 leaves unbounded: the TLS handshake, and the
 * request's header fields once its request line has arrived. A connection that misses one is closed by interrupting
 * its (virtual) thread, as Helidon's own idle timeout does; the request line and the wait between requests are bounded
 * by Helidon's {@code idleConnectionTimeout}, which this class does not replace.
 *
 * <p>Helidon runs each connection on its own thread, and both the handshake (the TLS engine is created on it) and the
 * HTTP/1 callbacks happen there, so the thread identifies the connection. Install with {@link #guard(Tls)} on every
 * TLS listener (Helidon's default NIO accept path) and {@link #listener()} as an HTTP/1 receive listener. Thread safe;
 * {@link #close()} stops the watchdog.
 */
public final class ConnectionDeadlines implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionDeadlines.class.getName());
    private final Duration handshakeTimeout;
    private final Duration headerTimeout;
    private final Map<Thread, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    private ConnectionDeadlines(Duration handshakeTimeout, Duration headerTimeout) {
        this.handshakeTimeout = handshakeTimeout;
        this.headerTimeout = headerTimeout;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wfm-connection-deadlines");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.clamp(Math.min(handshakeTimeout.toMillis(), headerTimeout.toMillis()) / 4, 50, 1000);
        watchdog.scheduleWithFixedDelay(this::expire, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the watchdog. A connection is closed at most about a quarter of the shorter timeout after its deadline.
     *
     * @param handshakeTimeout how long a TLS handshake may take from the moment the connection is accepted
     * @param headerTimeout    how long the header fields of a request may take after its request line
     */
    public static ConnectionDeadlines start(Duration handshakeTimeout, Duration headerTimeout) {
        return new ConnectionDeadlines(handshakeTimeout, headerTimeout);
    }

    /** The same TLS configuration, with every handshake on its context under the handshake deadline. */
    public Tls guard(Tls tls) {
        // Each server engine is created on the thread of the connection it serves.
        SSLContext guarded = DecoratedSslContext.wrap(tls.sslContext(), new DecoratedSslContext.Decorator() {
            @Override
            public SSLEngine engine(SSLEngine engine) {
                return watched(engine);
            }
        });
        return Tls.builder().from(tls.prototype()).sslContext(guarded).build();
    }

    /** The HTTP/1 listener that starts the header deadline at each request line and ends it at the headers. */
    public Http1ConnectionListener listener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                watches.put(Thread.currentThread(), new Watch(null, deadline(headerTimeout)));
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                watches.remove(Thread.currentThread());
            }
        };
    }

    /** How many connections are under a deadline now (for tests and diagnostics). */
    public int watched() {
        return watches.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** One watchdog round. It never throws: a periodic task that throws is never run again (no more deadlines). */
    private void expire() {
        long now = System.nanoTime();
        watches.forEach((thread, watch) -> {
            try {
                if (!thread.isAlive() || watch.handshakeDone()) {
                    watches.remove(thread, watch);
                } else if (now - watch.deadlineNanos() > 0 && watches.remove(thread, watch)) {
                    thread.interrupt(); // closes the blocked socket channel; Helidon then ends the connection
                }
            } catch (RuntimeException e) {
                watches.remove(thread, watch);
                LOG.log(Level.WARNING, "connection deadline check failed; the connection is no longer watched", e);
            }
        });
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** A deadline of one connection; {@code engine} is set while the TLS handshake runs. */
    private record Watch(SSLEngine engine, long deadlineNanos) {
        boolean handshakeDone() {
            return engine != null && !"NONE".equals(engine.getSession().getProtocol());
        }
    }

    private SSLEngine watched(SSLEngine engine) {
        watches.put(Thread.currentThread(), new Watch(engine, deadline(handshakeTimeout)));
        return engine;
    }
}
