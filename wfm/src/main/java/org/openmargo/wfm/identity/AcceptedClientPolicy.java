package org.openmargo.wfm.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The accepted-client policy of spec b.1: a namespace match is necessary but not sufficient.
 * <ul>
 *     <li>a retired client is refused, even with a valid SVID;</li>
 *     <li>an accepted client is allowed;</li>
 *     <li>a client the registry does not name is allowed only when the operator accepts the whole namespace.</li>
 * </ul>
 * Decisions read an in-memory snapshot of the {@link ClientRegistry} and do no I/O. {@link #accept} and
 * {@link #retire} write through to the registry and update the snapshot once the write commits (before returning,
 * unless they run inside a larger transaction: then when it commits, and not at all when it rolls back); {@link #refresh()} reloads
 * the snapshot so that several WFM instances sharing one registry converge.
 *
 * <p>Thread safe: writers are serialised, readers see an immutable map through a volatile field.
 */
public final class AcceptedClientPolicy {
    private final ClientRegistry registry;
    private final boolean acceptNamespace;
    private final Object lock = new Object();
    private volatile Map<String, ClientRegistry.Standing> snapshot;

    /** A policy decision for one wfm-client-id. */
    public enum Decision {
        /** Named as accepted. */
        ACCEPTED(true),
        /** Not named, allowed because the whole namespace is accepted. */
        NAMESPACE(true),
        /** Named as retired. */
        RETIRED(false),
        /** Not named, and the namespace is not accepted. */
        UNKNOWN(false);

        private final boolean allowed;

        Decision(boolean allowed) {
            this.allowed = allowed;
        }

        /** Whether the caller may proceed. */
        public boolean allowed() {
            return allowed;
        }
    }

    /**
     * Reads the registry once.
     *
     * @param acceptNamespace whether clients the registry does not name are allowed
     */
    public AcceptedClientPolicy(ClientRegistry registry, boolean acceptNamespace) {
        this.registry = Objects.requireNonNull(registry);
        this.acceptNamespace = acceptNamespace;
        refresh();
    }

    /** Decides from the snapshot; no I/O. */
    public Decision decide(String clientId) {
        ClientRegistry.Standing standing = snapshot.get(clientId);
        if (standing == null) {
            return acceptNamespace ? Decision.NAMESPACE : Decision.UNKNOWN;
        }
        return standing == ClientRegistry.Standing.ACCEPTED ? Decision.ACCEPTED : Decision.RETIRED;
    }

    /** Accepts a client in the registry; effective for this instance on return. */
    public void accept(String clientId) {
        write(clientId, ClientRegistry.Standing.ACCEPTED);
    }

    /** Retires a client in the registry; effective for this instance on return, even on live TLS sessions. */
    public void retire(String clientId) {
        write(clientId, ClientRegistry.Standing.RETIRED);
    }

    /** Replaces the snapshot with the registry's current entries. Propagates registry failures. */
    public void refresh() {
        synchronized (lock) {
            Map<String, ClientRegistry.Standing> fresh = new HashMap<>();
            for (ClientRegistry.Entry entry : registry.entries()) {
                fresh.put(entry.clientId(), entry.standing());
            }
            snapshot = Map.copyOf(fresh);
        }
    }

    private void write(String clientId, ClientRegistry.Standing standing) {
        if (!ClientId.isValid(clientId)) {
            throw new IllegalArgumentException("invalid wfm-client-id: " + ClientId.RULE);
        }
        if (standing == ClientRegistry.Standing.ACCEPTED) {
            registry.accept(clientId);
        } else {
            registry.retire(clientId);
        }
        // Only once the write is durable (it may be part of a larger transaction that rolls back). Under the lock, so
        // a refresh() that read the registry before the commit either installs before this update or waits for it.
        registry.afterCommit(() -> {
            synchronized (lock) {
                Map<String, ClientRegistry.Standing> next = new HashMap<>(snapshot);
                next.put(clientId, standing);
                snapshot = Map.copyOf(next);
            }
        });
    }
}
