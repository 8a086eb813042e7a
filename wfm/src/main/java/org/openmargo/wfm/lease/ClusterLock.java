package org.openmargo.wfm.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.openmargo.wfm.transaction.Transactions;

/**
 * Cluster-wide mutual exclusion for background work, for several WFM instances on one database: a lease per named
 * piece of work, kept as an owner row ({@code cluster_lease}) that works the same on PostgreSQL and on H2.
 *
 * <p>Use (one-shot task re-armed after each run, as everywhere in the WFM):
 * <pre>{@code
 * switch (lock.tryAcquire("fleet.rollout", Duration.ofSeconds(30))) {
 *     case Acquisition.Acquired a -> runOnePass(a.lease());          // each write: lock.confirm(a.lease()) first
 *     case Acquisition.HeldElsewhere h -> { }                         // another instance does it; try next time
 * }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *     <li>{@link #tryAcquire} never waits for the holder: it takes a free or lapsed lease, renews this instance's own
 *     one, or reports who holds it. Each call is one transaction that locks the lease's row, so two instances never
 *     both acquire it. Taking a lease from another holder (lapsed) or afresh increases {@link Lease#fence()}.</li>
 *     <li>Time is this instance's clock. Instances' clocks must agree to well within the lease duration (NTP);
 *     choose durations of seconds to minutes, and renew at most every half duration.</li>
 *     <li>A lease is not a guarantee that no one else acts once it lapsed: a holder that stalls past
 *     {@code expiresAt} (GC pause, lost network) may still run. Work whose effects must not be doubled calls
 *     {@link #confirm} inside its own write transaction: it locks the lease row, so it is serialised with a
 *     takeover, and fails when the lease changed hands or lapsed.</li>
 *     <li>{@link #release} ends a lease early (on shutdown), so another instance need not wait for it to lapse.</li>
 * </ul>
 * Thread safe. Database failures surface as {@code StoreException} from the store.
 */
public final class ClusterLock {
    private final Transactions transactions;
    private final LeaseRows rows;
    private final Clock clock;
    private final String holder;

    /**
     * @param holder this instance's name, unique among the instances (e.g. wfm-id, host name and a random part)
     */
    public ClusterLock(Transactions transactions, LeaseRows rows, Clock clock, String holder) {
        this.transactions = Objects.requireNonNull(transactions);
        this.rows = Objects.requireNonNull(rows);
        this.clock = Objects.requireNonNull(clock);
        this.holder = Objects.requireNonNull(holder);
        if (holder.isBlank() || holder.length() > 255) {
            throw new IllegalArgumentException("the holder name must have 1-255 characters");
        }
    }

    /** This instance's name as written into the leases it holds. */
    public String holder() {
        return holder;
    }

    /**
     * Takes the lease of {@code name} for {@code duration}, or renews this instance's own; see the class contract.
     *
     * @param name 1-200 characters
     */
    public Acquisition tryAcquire(String name, Duration duration) {
        if (name.isEmpty() || name.length() > 200 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease needs a name of 1-200 characters and a positive duration");
        }
        return transactions.inTransaction("acquiring a lease", () -> {
            Instant now = clock.instant();
            Instant until = now.plus(duration).truncatedTo(ChronoUnit.MICROS);
            Optional<Lease> current = rows.lock(name);
            if (current.isEmpty()) {
                Lease lease = new Lease(name, holder, 1, until);
                rows.insert(lease);
                return new Acquisition.Acquired(lease);
            }
            Lease held = current.get();
            boolean mine = held.holder().equals(holder);
            if (!mine && now.isBefore(held.expiresAt())) {
                return new Acquisition.HeldElsewhere(held.holder(), held.expiresAt());
            }
            boolean continued = mine && now.isBefore(held.expiresAt());
            Lease lease = new Lease(name, holder, continued ? held.fence() : held.fence() + 1, until);
            rows.update(lease);
            return new Acquisition.Acquired(lease);
        });
    }

    /**
     * Checks, inside the caller's write transaction, that {@code lease} is still this instance's and has not lapsed;
     * locks its row until that transaction ends, so no other instance can take the lease over meanwhile.
     *
     * @throws LeaseLostException when it changed hands, lapsed or was released
     */
    public void confirm(Lease lease) {
        Optional<Lease> current = rows.lock(lease.name());
        boolean held = current.isPresent() && current.get().holder().equals(holder)
                && current.get().fence() == lease.fence() && clock.instant().isBefore(current.get().expiresAt());
        if (!held) {
            throw new LeaseLostException(lease);
        }
    }

    /** Runs {@code work} when this instance holds (or can take) the lease; empty when another instance holds it. */
    public <T> Optional<T> runExclusively(String name, Duration duration, Supplier<T> work) {
        return switch (tryAcquire(name, duration)) {
            case Acquisition.Acquired acquired -> Optional.ofNullable(work.get());
            case Acquisition.HeldElsewhere elsewhere -> Optional.empty();
        };
    }

    /** Gives the lease up now; does nothing when it is no longer this instance's. Idempotent. */
    public void release(Lease lease) {
        transactions.inTransaction("releasing a lease", () -> rows.delete(lease.name(), holder, lease.fence()));
    }
}
