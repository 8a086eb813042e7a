package org.openmargo.wfm.identity;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the device API's TLS layer since start, for metrics. A full handshake verifies the client's SVID (counted
 * {@link #verifiedTotal() verified} or {@link #rejectedTotal() rejected}); a resumed TLS 1.3 session skips that
 * check, so of the {@link #connectionsTotal() connections} that reached a request, those not counted as verified
 * resumed a session. The JDK's TLS engine says nothing more precise without wrapping every engine. Thread safe;
 * counting allocates nothing.
 */
public final class HandshakeCounts {
    private final LongAdder connections = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    void connection() {
        connections.increment();
    }

    void verified() {
        verified.increment();
    }

    void rejected() {
        rejected.increment();
    }

    /** TLS engines created: one per accepted TCP connection, whatever became of its handshake. */
    public long connectionsTotal() {
        return connections.sum();
    }

    /** Full handshakes whose client SVID was accepted. */
    public long verifiedTotal() {
        return verified.sum();
    }

    /** Full handshakes whose client certificate was refused (absent, expired, foreign trust domain...). */
    public long rejectedTotal() {
        return rejected.sum();
    }
}
