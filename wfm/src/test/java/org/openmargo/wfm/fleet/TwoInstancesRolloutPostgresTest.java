package org.openmargo.wfm.fleet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.rollout.Rollout;
import org.openmargo.wfm.rollout.RolloutEngine;
import org.openmargo.wfm.rollout.RolloutRows;
import org.openmargo.wfm.rollout.Rollouts;
import org.openmargo.wfm.rollout.WaveSize;
import org.openmargo.wfm.status.StatusValidator;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.store.TestDatabase;
import org.openmargo.wfm.testclock.MutableClock;

/**
 * Two WFM instances (two pools, two reconcilers, two rollout engines) on one PostgreSQL schema, run at the same
 * moment: each holds the rollout row lock a while once it has it, so their steps overlap for sure. A wave is started
 * once, never twice; two concurrent starts of a rollout of one fleet deployment give one rollout and one 409.
 */
class TwoInstancesRolloutPostgresTest {
    private static final AppVersion V1 = new AppVersion("hello-line", "1.0.0");
    private static final AppVersion V2 = new AppVersion("hello-line", "2.0.0");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private String schema;
    private final List<Instance> instances = new ArrayList<>();

    /** One WFM instance's fleet layer; its rollout rows count every rollout update and hold each lock 150 ms. */
    private final class Instance {
        final Database db;
        final FleetDeployments fleet;
        final Rollouts rollouts;
        final RolloutEngine engine;
        final AtomicInteger updates = new AtomicInteger();

        Instance(DatabaseSettings settings) {
            db = Database.open(settings, clock);
            TestCatalogue catalogue = new TestCatalogue();
            catalogue.add(V1);
            catalogue.add(V2);
            ReconcileQueue queue = new ReconcileQueue(new Reconciler(db.transactions(), db.fleet(), db.devices(),
                    catalogue, ManifestCache.create(db.desiredState(), Duration.ofHours(1), 1000)));
            db.devices().onChange(client -> queue.client(client, true));
            fleet = new FleetDeployments(db.transactions(), db.fleet(), catalogue, queue, clock);
            RolloutRows rows = new SlowLockRows(db.rollouts(), updates);
            rollouts = new Rollouts(db.transactions(), rows, db.fleet(), catalogue, queue, new Presence(clock), clock,
                    Duration.ofMinutes(5));
            engine = new RolloutEngine(rollouts, rows);
        }
    }

    @BeforeEach
    void open() throws Exception {
        schema = TestDatabase.createPostgresSchema();
        DatabaseSettings settings = new DatabaseSettings(TestDatabase.postgresUrl(schema), TestDatabase.POSTGRES_USER,
                "", 5);
        instances.add(new Instance(settings));
        instances.add(new Instance(settings));
        Database db = instances.getFirst().db;
        for (String v : List.of("1.0.0", "2.0.0")) {
            db.catalogue().importDescription(Files.readAllBytes(Path.of("..", "examples", "hello-line-" + v
                    + ".yaml")), "test");
        }
        for (int i = 1; i <= 4; i++) {
            db.devices().put("c" + i, new Capabilities("dev-c" + i, true, ("{\"properties\":{\"id\":\"dev-c" + i
                    + "\"},\"labels\":{\"site\":\"plant-7\"}}").getBytes(UTF_8)));
        }
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        instances.forEach(i -> i.db.close());
        TestDatabase.dropPostgresSchema(schema);
    }

    private Intent deploy() {
        return instances.getFirst().fleet.create(new FleetDeployments.Request("hello", "default", V1,
                Optional.empty(), Map.of(), new Selector(java.util.Set.of(), Map.of("site", "plant-7"), List.of()),
                true), "alice");
    }

    /** Runs {@code work} of both instances at the same moment and returns their outcomes (value or exception). */
    private <T> List<Object> together(java.util.function.Function<Instance, T> work) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Object>> futures = new ArrayList<>();
        for (Instance instance : instances) {
            Callable<Object> task = () -> {
                barrier.await();
                try {
                    return work.apply(instance);
                } catch (RuntimeException e) {
                    return e;
                }
            };
            futures.add(threads.submit(task));
        }
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private void reportInstalled(String client) {
        Database db = instances.getFirst().db;
        DesiredStateStore.DeploymentRecord d = db.desiredState().deployments(client).stream()
                .filter(x -> x.removedInVersion().isEmpty()).findFirst().orElseThrow();
        long v = db.desiredState().manifest(client).version();
        String body = "{\"deploymentId\":\"" + d.deploymentId() + "\",\"adoptedManifestVersion\":" + v
                + ",\"status\":{\"state\":\"installed\"},\"components\":[{\"name\":\"app\",\"state\":\"installed\"}]}";
        db.statuses().upsert(client, StatusValidator.validate(d.deploymentId(), body.getBytes(UTF_8)));
    }

    @Test
    void twoEnginesAtOnce_startEachWaveOnce_andTheRolloutCompletesOnce() throws Exception {
        Intent intent = deploy();
        Rollout r = instances.getFirst().rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(
                new WaveSize.Devices(1), new WaveSize.Devices(2), new WaveSize.Percent(100)), 1.0, 0.0,
                Duration.ofMinutes(10)), "alice");
        for (int round = 1; round <= 3; round++) {
            reportInstalledWhereMoved(intent);
            together(i -> i.engine.tick());
            Rollout now = instances.getFirst().rollouts.progress(r.id()).rollout();
            if (round < 3) {
                assertThat(now.state()).isEqualTo(Rollout.State.RUNNING);
                assertThat(now.currentWave()).as("one step per round, never two").isEqualTo(round);
            }
        }
        Rollout done = instances.getFirst().rollouts.progress(r.id()).rollout();
        assertThat(done.state()).isEqualTo(Rollout.State.COMPLETED);
        assertThat(instances.get(0).updates.get() + instances.get(1).updates.get())
                .as("two wave starts and one completion, each written by one instance only").isEqualTo(3);
        for (int i = 1; i <= 4; i++) {
            assertThat(instances.getFirst().db.desiredState().manifest("c" + i).version()).as("c" + i + ": "
                    + "deployed, then moved once").isEqualTo(3);
        }
    }

    private void reportInstalledWhereMoved(Intent intent) {
        for (Member m : instances.getFirst().fleet.members(intent.id())) {
            if (m.applied().filter("2.0.0"::equals).isPresent()) {
                reportInstalled(m.clientId());
            }
        }
    }

    @Test
    void twoStartsAtOnce_oneRolloutAndOneConflict() throws Exception {
        Intent intent = deploy();
        List<Object> outcomes = together(i -> i.rollouts.start(new Rollouts.Request(intent.id(), "2.0.0",
                List.of(new WaveSize.Percent(100)), 1.0, 0.0, Duration.ofMinutes(10)), "alice"));
        assertThat(outcomes).filteredOn(Rollout.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ProblemException.class::isInstance).singleElement()
                .extracting(o -> ((ProblemException) o).type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(instances.getFirst().rollouts.list()).hasSize(1);
    }

    /** The real rows, counting updates and holding each rollout row lock a while so that two steps overlap. */
    private record SlowLockRows(RolloutRows rows, AtomicInteger updates) implements RolloutRows {
        @Override
        public void insert(Rollout rollout) {
            rows.insert(rollout);
        }

        @Override
        public void update(Rollout rollout) {
            updates.incrementAndGet();
            rows.update(rollout);
        }

        @Override
        public Optional<Rollout> rollout(String rolloutId) {
            return rows.rollout(rolloutId);
        }

        @Override
        public Optional<Rollout> lock(String rolloutId) {
            Optional<Rollout> locked = rows.lock(rolloutId);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return locked;
        }

        @Override
        public List<Rollout> all() {
            return rows.all();
        }

        @Override
        public List<String> running() {
            return rows.running();
        }

        @Override
        public void insertDevice(String rolloutId, String clientId, String deviceId, int wave) {
            rows.insertDevice(rolloutId, clientId, deviceId, wave);
        }

        @Override
        public boolean exclude(String rolloutId, String clientId, String deviceId) {
            return rows.exclude(rolloutId, clientId, deviceId);
        }

        @Override
        public List<DeviceRow> devices(String rolloutId, String intentId) {
            return rows.devices(rolloutId, intentId);
        }
    }
}
