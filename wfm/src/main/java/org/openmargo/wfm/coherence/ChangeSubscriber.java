package org.openmargo.wfm.coherence;

/**
 * What a {@link ChangeFeed} tells its subscriber, on the feed's own thread. Implementations must be quick and thread
 * safe, and should not throw (a throw is logged and the feed goes on).
 */
public interface ChangeSubscriber {

    /** Another instance (or this one) committed a change of this client's desired state. */
    void changed(String clientId);

    /**
     * The feed is not listening (not yet connected, or its connection failed): notifications may be missed from now
     * until {@link #restored()}, so anything cached must be treated as possibly stale.
     */
    void lost();

    /**
     * The feed listens again (or for the first time). Changes committed while it was not listening were not heard,
     * so everything cached before this call must be dropped.
     */
    void restored();
}
