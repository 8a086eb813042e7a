package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.DesiredStateStore.Change;
import org.openmargo.wfm.desiredstate.DesiredStateStore.PutResult;

/** Concurrent changes of one client: each gets its own version and none is lost. */
abstract class DesiredStateConcurrencyContract extends StoreContract {
    private static final int THREADS = 8;
    private static final int PUTS = 20;

    @Test
    void put_8threadsx20_versions2to161ExactlyOnceAndNoLostUpdate() throws Exception {
        DesiredStateStore store = db().database.desiredState();
        String client = client("busy");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<PutResult>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<PutResult> results = new ArrayList<>();
                    for (int i = 0; i < PUTS; i++) {
                        String id = String.format("%08d-0000-4000-8000-%012d", thread, i);
                        results.add(store.put(client, deployment(id, yaml(id, "1"))));
                    }
                    return results;
                }));
            }
            start.countDown();
        }
        List<Long> versions = new ArrayList<>();
        for (Future<List<PutResult>> f : futures) {
            for (PutResult r : f.get()) {
                assertThat(r.change()).isEqualTo(Change.CREATED);
                versions.add(r.manifestVersion());
            }
        }

        assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, 161).boxed().toList());
        assertThat(store.manifest(client).version()).isEqualTo(161);
        assertThat(store.deployments(client)).hasSize(THREADS * PUTS);
        String body = new String(store.manifest(client).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body.split("\"deploymentId\"", -1)).hasSize(THREADS * PUTS + 1);
    }
}
