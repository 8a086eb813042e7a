package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.lease.Acquisition;
import org.openmargo.wfm.lease.ClusterLock;
import org.openmargo.wfm.lease.Lease;
import org.openmargo.wfm.lease.LeaseLostException;

/** The {@link ClusterLock} contract, on the database of {@link StoreContract#db()}. */
abstract class ClusterLockContract extends StoreContract {

    @Test
    void tryAcquire_freeLease_acquiredWithFenceOne_otherInstanceToldWhoHoldsIt() {
        ClusterLock one = db().database.clusterLock("instance-1");
        ClusterLock two = db().database.clusterLock("instance-2");

        Acquisition first = one.tryAcquire(client("sweep"), Duration.ofSeconds(30));
        Acquisition second = two.tryAcquire(client("sweep"), Duration.ofSeconds(30));

        assertThat(first).isInstanceOfSatisfying(Acquisition.Acquired.class, a -> {
            assertThat(a.lease().fence()).isEqualTo(1);
            assertThat(a.lease().holder()).isEqualTo("instance-1");
        });
        assertThat(second).isInstanceOfSatisfying(Acquisition.HeldElsewhere.class,
                h -> assertThat(h.holder()).isEqualTo("instance-1"));
    }

    @Test
    void tryAcquire_byTheHolderBeforeExpiry_renewedWithTheSameFence() {
        ClusterLock one = db().database.clusterLock("instance-1");
        Lease first = ((Acquisition.Acquired) one.tryAcquire(client("sweep"), Duration.ofSeconds(30))).lease();
        db().clock.advance(Duration.ofSeconds(20));

        Lease renewed = ((Acquisition.Acquired) one.tryAcquire(client("sweep"), Duration.ofSeconds(30))).lease();

        assertThat(renewed.fence()).isEqualTo(first.fence());
        assertThat(renewed.expiresAt()).isEqualTo(first.expiresAt().plusSeconds(20));
    }

    @Test
    void tryAcquire_afterExpiry_takenOverWithTheNextFence_formerHolderCannotConfirm() {
        ClusterLock one = db().database.clusterLock("instance-1");
        ClusterLock two = db().database.clusterLock("instance-2");
        Lease old = ((Acquisition.Acquired) one.tryAcquire(client("sweep"), Duration.ofSeconds(30))).lease();
        db().clock.advance(Duration.ofSeconds(31));

        Acquisition takeover = two.tryAcquire(client("sweep"), Duration.ofSeconds(30));

        assertThat(takeover).isInstanceOfSatisfying(Acquisition.Acquired.class,
                a -> assertThat(a.lease().fence()).isEqualTo(old.fence() + 1));
        assertThatThrownBy(() -> db().database.transactions().inTransaction("guarded write", () -> {
            one.confirm(old);
            return null;
        })).isInstanceOf(LeaseLostException.class);
    }

    @Test
    void release_thenOtherInstance_acquiresAtOnce() {
        ClusterLock one = db().database.clusterLock("instance-1");
        ClusterLock two = db().database.clusterLock("instance-2");
        Lease lease = ((Acquisition.Acquired) one.tryAcquire(client("sweep"), Duration.ofMinutes(5))).lease();

        one.release(lease);
        one.release(lease);

        assertThat(two.tryAcquire(client("sweep"), Duration.ofMinutes(5))).isInstanceOf(Acquisition.Acquired.class);
    }

    @Test
    void tryAcquire_eightInstancesAtOnce_exactlyOneAcquires() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Acquisition>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ClusterLock lock = db().database.clusterLock("instance-" + i);
                results.add(pool.submit((Callable<Acquisition>) () -> lock.tryAcquire(client("race"),
                        Duration.ofMinutes(1))));
            }
            int acquired = 0;
            for (Future<Acquisition> f : results) {
                acquired += f.get() instanceof Acquisition.Acquired ? 1 : 0;
            }
            assertThat(acquired).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
