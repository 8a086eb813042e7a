package org.openmargo.wfm.audit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http.ServerRequest;

/**
 * Records who changed what, when, and from where: every operator change, every enrollment and every renewal.
 *
 * <p>A change of the database is made with {@link #change}: the change and its entry are written in one transaction,
 * so that a committed change always has its entry and an entry always describes a committed change (a kill between
 * the two used to leave changes without an entry). {@link #record} is for events that change nothing in the database
 * (an SVID issued for a renewal): it is written after the event and never throws; when the audit store fails, the
 * event has already happened and must still be answered as done, so the entry is written to the server log at
 * {@code SEVERE} instead, complete, to be recovered from there. Thread safe.
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

    /**
     * Makes a change and records it in one database transaction (see {@link AuditStore#appendWith}): both or neither.
     *
     * @param change the change; it must only touch the database (through the stores of the audit store's database)
     *               and defer in-memory effects to their store's {@code afterCommit}
     * @param detail the entry's detail, from the change's result
     * @return the change's result
     * @throws RuntimeException what the change throws, or the store's failure; nothing is then changed or recorded
     */
    public <T> T change(ServerRequest req, String actor, String action, String target, Supplier<T> change,
                        Function<T, String> detail) {
        String remote = remoteAddress(req);
        return store.appendWith(change, result -> new AuditEvent(clock.instant(), actor, remote, action, target,
                detail.apply(result)));
    }

    /** As {@link #change(ServerRequest, String, String, String, Supplier, Function)} with a detail of its own. */
    public void change(ServerRequest req, String actor, String action, String target, Runnable change,
                       String detail) {
        change(req, actor, action, target, () -> {
            change.run();
            return Boolean.TRUE;
        }, ignored -> detail);
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
        return recent(limit, AuditFilter.NONE);
    }

    /**
     * The most recent entries the filter selects, newest first.
     *
     * @param limit 1 to {@link #MAX_LIMIT}
     */
    public List<AuditStore.Entry> recent(int limit, AuditFilter filter) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        return store.recent(limit, filter);
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
