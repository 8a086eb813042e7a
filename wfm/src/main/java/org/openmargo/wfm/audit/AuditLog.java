package org.openmargo.wfm.audit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http.ServerRequest;

/**
 * Records who changed what, when, and from where: every operator change, every enrollment and every renewal.
 *
 * <p>An entry is written after the change it describes succeeded. {@link #record} never throws: when the audit
 * store fails, the change has already happened and must still be answered as done (an operator who saw a 503 would
 * repeat it), so the entry is written to the server log at {@code SEVERE} instead, complete, to be recovered from
 * there. Thread safe.
 */
public final class AuditLog {
    /** Most entries {@link #recent} returns. */
    public static final int MAX_LIMIT = 1000;
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Records an event caused by {@code req}: its time is now, its remote address the request's peer. */
    public void record(ServerRequest req, String actor, String action, String target, String detail) {
        record(actor, remoteAddress(req), action, target, detail);
    }

    /** Records an event; see the class comment for failures. */
    public void record(String actor, String remoteAddress, String action, String target, String detail) {
        AuditEvent event = new AuditEvent(clock.instant(), actor, remoteAddress, action, target, detail);
        try {
            store.append(event);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not write the audit log; the entry is: " + event, e);
        }
    }

    /**
     * The most recent entries, newest first.
     *
     * @param limit 1 to {@link #MAX_LIMIT}
     */
    public List<AuditStore.Entry> recent(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        return store.recent(limit);
    }

    /** The IP address (without port) of the request's peer, or its textual form when it is not an IP socket. */
    public static String remoteAddress(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
