package org.openmargo.wfm.fleet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.rollout.DeviceProgress;
import org.openmargo.wfm.rollout.Progress;
import org.openmargo.wfm.rollout.Rollout;
import org.openmargo.wfm.rollout.RolloutEngine;
import org.openmargo.wfm.rollout.Rollouts;
import org.openmargo.wfm.rollout.WaveSize;
import org.openmargo.wfm.status.StatusValidator;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.testclock.MutableClock;

/**
 * The fleet layer on a real (H2) database with a test catalogue: membership by selector and labels, one manifest
 * version per client per change, and a staged rollout through pause, exclusion, resume, completion and rollback.
 * Runs on H2 ({@link FleetFlowH2Test}) and PostgreSQL ({@link FleetFlowPostgresTest}).
 */
abstract class FleetFlowContract {
    private static final AppVersion V1 = new AppVersion("hello-line", "1.0.0");
    private static final AppVersion V2 = new AppVersion("hello-line", "2.0.0");

    @TempDir
    Path dir;

    /** The JDBC URL, user and password of an empty database for one test. */
    abstract String[] database(Path dir);

    /** Drops what {@link #database} created. */
    abstract void dropDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final TestCatalogue catalogue = new TestCatalogue();
    private Database db;
    private FleetDeployments fleet;
    private ClientLabels labels;
    private Rollouts rollouts;
    private RolloutEngine engine;
    private Presence presence;
    private CountingDesiredState counting;
    private ManifestCache cache;

    @BeforeEach
    void open() throws Exception {
        String[] target = database(dir);
        db = Database.open(new DatabaseSettings(target[0], target[1], target[2], 5), clock);
        // The versions exist in the real catalogue (the foreign keys need them); rendering is the test catalogue's.
        for (String v : List.of("1.0.0", "2.0.0")) {
            db.catalogue().importDescription(java.nio.file.Files.readAllBytes(
                    Path.of("..", "examples", "hello-line-" + v + ".yaml")), "test");
        }
        catalogue.add(V1);
        catalogue.add(V2);
        counting = new CountingDesiredState(db.desiredState());
        cache = ManifestCache.create(counting, Duration.ofHours(1), 1000);
        ReconcileQueue queue = new ReconcileQueue(new Reconciler(db.transactions(), db.fleet(), db.devices(),
                catalogue, cache));
        db.devices().onChange(client -> queue.client(client, true));
        fleet = new FleetDeployments(db.transactions(), db.fleet(), catalogue, queue, clock);
        labels = new ClientLabels(db.transactions(), db.fleet(), queue);
        presence = new Presence(clock);
        rollouts = new Rollouts(db.transactions(), db.rollouts(), db.fleet(), catalogue, queue, presence, clock,
                Duration.ofMinutes(5));
        engine = new RolloutEngine(rollouts, db.rollouts());
        for (int i = 1; i <= 6; i++) {
            device("c" + i, i <= 5 ? "plant-7" : "plant-9", true);
        }
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
    }

    private void device(String client, String site, boolean placeable) {
        db.devices().put(client, new Capabilities("dev-" + client, true, ("{\"properties\":{\"id\":\"dev-" + client
                + "\"},\"labels\":{\"site\":\"" + site + "\"" + (placeable ? "" : ",\"placeable\":\"no\"") + "}}")
                .getBytes(UTF_8)));
    }

    private Intent deployToPlant7() {
        return fleet.create(new FleetDeployments.Request("hello", "default", V1, Optional.empty(),
                Map.of("greeting", Json.createValue("hi")),
                new Selector(java.util.Set.of(), Map.of("site", "plant-7"), List.of()), true), "alice");
    }

    private long version(String client) {
        return db.desiredState().manifest(client).version();
    }

    private List<DesiredStateStore.DeploymentRecord> live(String client) {
        return db.desiredState().deployments(client).stream().filter(d -> d.removedInVersion().isEmpty()).toList();
    }

    private String yaml(String client) {
        DesiredStateStore.DeploymentRecord d = live(client).getFirst();
        return new String(db.desiredState().deploymentYaml(client, d.deploymentId(), d.digest()).orElseThrow(), UTF_8);
    }

    private void report(String client, String state) {
        DesiredStateStore.DeploymentRecord d = live(client).getFirst();
        long v = version(client);
        presence.polled(client, v);
        String body = "{\"deploymentId\":\"" + d.deploymentId() + "\",\"adoptedManifestVersion\":" + v
                + ",\"status\":{\"state\":\"" + state + "\"},\"components\":[{\"name\":\"app\",\"state\":\""
                + state + "\"" + (state.equals("failed") ? ",\"error\":{\"code\":\"X\",\"message\":\"boom\"}" : "")
                + "}]}";
        db.statuses().upsert(client, StatusValidator.validate(d.deploymentId(), body.getBytes(UTF_8)));
    }

    @Test
    void create_targetsMatchingDevicesWithOneManifestVersionEach() {
        deployToPlant7();
        for (int i = 1; i <= 5; i++) {
            assertThat(version("c" + i)).as("c" + i).isEqualTo(2);
            assertThat(live("c" + i)).hasSize(1);
            assertThat(yaml("c" + i)).contains("revision: 1.0.0", "deviceId: dev-c" + i, "value: hi",
                    "name: hello");
        }
        assertThat(version("c6")).isEqualTo(1);
        assertThat(live("c6")).isEmpty();
    }

    @Test
    void labels_operatorLabelAddsAndRemovesAMember() {
        Intent intent = deployToPlant7();
        labels.put("c6", "site", "plant-7");
        assertThat(live("c6")).hasSize(1);
        assertThat(version("c6")).isEqualTo(2);
        assertThat(fleet.members(intent.id())).hasSize(6);
        labels.remove("c6", "site");
        assertThat(live("c6")).isEmpty();
        assertThat(version("c6")).as("removal is one more version, never a step back").isEqualTo(3);
        assertThat(fleet.members(intent.id())).hasSize(5);
    }

    @Test
    void labels_keepOnMismatch_stickyMemberFollowsRollouts() {
        Intent intent = fleet.create(new FleetDeployments.Request("sticky", "default", V1, Optional.empty(), Map.of(),
                new Selector(java.util.Set.of(), Map.of("site", "plant-7"), List.of()), false), "alice");
        labels.put("c1", "site", "moved-away");
        assertThat(live("c1")).as("kept on mismatch").hasSize(1);
        rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Percent(100)), 1.0, 0.0,
                Duration.ofMinutes(10)), "alice");
        assertThat(yaml("c1")).contains("revision: 2.0.0");
    }

    @Test
    void devices_unregisteredDevice_losesItsDeploymentWhateverTheFlag() {
        Intent intent = fleet.create(new FleetDeployments.Request("sticky", "default", V1, Optional.empty(), Map.of(),
                new Selector(java.util.Set.of(), Map.of("site", "plant-7"), List.of()), false), "alice");
        db.devices().delete("c2", "dev-c2");
        assertThat(live("c2")).isEmpty();
        assertThat(fleet.members(intent.id())).extracting(Member::clientId).doesNotContain("c2");
    }

    @Test
    void capabilities_notPlaceableDevice_isReportedWithItsReason() {
        Intent intent = deployToPlant7();
        device("c6", "plant-7", false);
        Member m = fleet.members(intent.id()).stream().filter(x -> x.clientId().equals("c6")).findFirst()
                .orElseThrow();
        assertThat(m.placement()).isEqualTo(Member.Placement.NOT_PLACEABLE);
        assertThat(m.reason()).contains("the device says it is not placeable");
        assertThat(live("c6")).isEmpty();
        device("c6", "plant-7", true);
        assertThat(live("c6")).hasSize(1);
    }

    @Test
    void capabilities_unchangedRerender_doesNotBumpTheManifest() {
        deployToPlant7();
        device("c1", "plant-7", true);
        assertThat(version("c1")).isEqualTo(2);
    }

    @Test
    void delete_removesEveryDeployment() {
        Intent intent = deployToPlant7();
        fleet.delete(intent.id());
        for (int i = 1; i <= 5; i++) {
            assertThat(live("c" + i)).isEmpty();
            assertThat(version("c" + i)).isEqualTo(3);
        }
        assertThat(catchThrowableOfType(ProblemException.class, () -> fleet.get(intent.id())).type())
                .isEqualTo(ProblemType.NOT_FOUND);
    }

    @Test
    void rollout_pausesAtTheErrorThreshold_resumesAfterExclusion_completes_andRollsBack() {
        Intent intent = deployToPlant7();
        for (int i = 1; i <= 5; i++) {
            report("c" + i, "installed");
        }
        Rollout r = rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Devices(1),
                new WaveSize.Percent(50), new WaveSize.Percent(100)), 1.0, 0.0, Duration.ofMinutes(10)), "alice");
        assertThat(yaml("c1")).contains("revision: 2.0.0");
        assertThat(version("c1")).isEqualTo(3);
        assertThat(yaml("c2")).contains("revision: 1.0.0");
        String firstId = live("c1").getFirst().deploymentId();

        engine.tick();
        assertThat(rollouts.progress(r.id()).rollout().currentWave()).as("the canary has not installed").isZero();
        report("c1", "installed");
        engine.tick();
        Progress p = rollouts.progress(r.id());
        assertThat(p.rollout().currentWave()).isEqualTo(1);
        assertThat(yaml("c2")).contains("revision: 2.0.0");
        assertThat(yaml("c3")).contains("revision: 2.0.0");
        assertThat(yaml("c4")).contains("revision: 1.0.0");
        assertThat(live("c1").getFirst().deploymentId()).as("a new version keeps the deployment id")
                .isEqualTo(firstId);

        report("c2", "installed");
        report("c3", "failed");
        engine.tick();
        p = rollouts.progress(r.id());
        assertThat(p.rollout().state()).isEqualTo(Rollout.State.PAUSED);
        assertThat(p.rollout().reason()).contains("error threshold exceeded: 1 of 3 devices failed or are not "
                + "placeable");
        assertThat(p.counts()).containsEntry(DeviceProgress.State.INSTALLED, 2)
                .containsEntry(DeviceProgress.State.FAILED, 1).containsEntry(DeviceProgress.State.WAITING, 2);
        assertThat(p.devices().stream().filter(d -> d.clientId().equals("c3")).findFirst().orElseThrow()
                .lastError()).contains("X: boom");

        assertThat(catchThrowableOfType(ProblemException.class, () -> rollouts.pause(r.id())).type())
                .isEqualTo(ProblemType.CONFLICT);
        rollouts.exclude(r.id(), "c3", "dev-c3");
        rollouts.resume(r.id());
        engine.tick();
        assertThat(rollouts.progress(r.id()).rollout().currentWave()).isEqualTo(2);
        report("c4", "installed");
        report("c5", "installed");
        engine.tick();
        p = rollouts.progress(r.id());
        assertThat(p.rollout().state()).isEqualTo(Rollout.State.COMPLETED);
        assertThat(fleet.get(intent.id()).app()).isEqualTo(V2);
        assertThat(p.counts()).containsEntry(DeviceProgress.State.INSTALLED, 4)
                .containsEntry(DeviceProgress.State.EXCLUDED, 1);

        long before = version("c1");
        Rollout back = rollouts.rollback(r.id(), "bob");
        assertThat(back.fromVersion()).isEqualTo("2.0.0");
        assertThat(back.toVersion()).isEqualTo("1.0.0");
        assertThat(back.rollbackOf()).contains(r.id());
        assertThat(yaml("c1")).contains("revision: 1.0.0");
        assertThat(version("c1")).isEqualTo(before + 1);
        for (int wave = 0; wave < 3; wave++) {
            for (int i = 1; i <= 5; i++) {
                if (yaml("c" + i).contains("revision: 1.0.0")) {
                    report("c" + i, "installed");
                }
            }
            engine.tick();
        }
        assertThat(rollouts.progress(back.id()).rollout().state()).isEqualTo(Rollout.State.COMPLETED);
        for (int i = 1; i <= 5; i++) {
            assertThat(yaml("c" + i)).as("c" + i).contains("revision: 1.0.0");
        }
        assertThat(fleet.get(intent.id()).app()).isEqualTo(V1);
    }

    @Test
    void poll_unchangedClientWhileARolloutMovesOthers_neverReadsTheDatabase() {
        Intent intent = deployToPlant7();
        for (int i = 1; i <= 5; i++) {
            report("c" + i, "installed");
        }
        String etag = cache.manifest("c5").etag();
        int before = counting.manifestReads("c5");
        Rollout r = rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Devices(1),
                new WaveSize.Devices(1), new WaveSize.Percent(100)), 1.0, 0.0, Duration.ofMinutes(10)), "alice");
        for (int poll = 0; poll < 3; poll++) {
            assertThat(cache.manifest("c5").etag()).isEqualTo(etag); // the 304 path: one lookup in memory
            report("c1", "installed");
            engine.tick();
        }
        assertThat(rollouts.progress(r.id()).rollout().currentWave()).as("the second wave moved c2").isEqualTo(1);
        assertThat(cache.manifest("c2").version()).as("a moved client sees its new version at once").isEqualTo(3);
        assertThat(cache.manifest("c5").etag()).isEqualTo(etag);
        labels.put("c5", "unrelated", "x"); // a reconcile of c5 that changes nothing
        assertThat(cache.manifest("c5").etag()).isEqualTo(etag);
        assertThat(counting.manifestReads("c5")).as("c5 waits for the last wave: its polls never reached the store")
                .isEqualTo(before);
    }

    @Test
    void rollout_secondActiveRolloutOfOneFleetDeployment_isAConflict() {
        Intent intent = deployToPlant7();
        Rollouts.Request request = new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Percent(100)),
                1.0, 0.0, Duration.ofMinutes(10));
        Rollout first = rollouts.start(request, "alice");
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> rollouts.start(request, "alice"));
        assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(e.detail()).contains(first.id());
    }

    @Test
    void rollout_waveTimeout_pausesIt() {
        Intent intent = deployToPlant7();
        Rollout r = rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Percent(100)),
                1.0, 0.0, Duration.ofMinutes(10)), "alice");
        clock.advance(Duration.ofMinutes(11));
        engine.tick();
        Rollout after = rollouts.progress(r.id()).rollout();
        assertThat(after.state()).isEqualTo(Rollout.State.PAUSED);
        assertThat(after.reason().orElseThrow()).startsWith("wave 0 timed out after PT10M");
    }

    @Test
    void selector_explicitDeviceIds_targetOnlyThoseDevices() {
        Intent intent = fleet.create(new FleetDeployments.Request("by-device", "default", V1, Optional.empty(),
                Map.of(), Selector.parse(Json.createReader(new java.io.StringReader(
                        "{\"devices\": [\"dev-c2\", \"dev-c6\", \"dev-unknown\"]}")).readObject(), "selector"),
                true), "alice");
        assertThat(fleet.members(intent.id())).extracting(Member::deviceId).containsExactly("dev-c2", "dev-c6");
        assertThat(live("c1")).isEmpty();
        assertThat(live("c6")).hasSize(1);
        assertThat(fleet.get(intent.id()).selector().deviceIds()).as("stored and read back")
                .containsExactlyInAnyOrder("dev-c2", "dev-c6", "dev-unknown");
    }

    @Test
    void update_versionChangeWhileARolloutIsActive_isAConflictNamingIt_otherChangesPass() {
        Intent intent = deployToPlant7();
        Rollout r = rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Devices(1),
                new WaveSize.Percent(100)), 1.0, 0.0, Duration.ofMinutes(10)), "alice");
        FleetDeployments.Request toV2 = new FleetDeployments.Request("hello", "default", V2, Optional.empty(),
                Map.of("greeting", Json.createValue("hi")), intent.selector(), true);
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> fleet.update(intent.id(), toV2));
        assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(e.detail()).contains(r.id());
        assertThat(yaml("c2")).as("nothing moved").contains("revision: 1.0.0");
        fleet.update(intent.id(), new FleetDeployments.Request("hello", "default", V1, Optional.empty(),
                Map.of("greeting", Json.createValue("hello")), intent.selector(), true));
        assertThat(yaml("c2")).as("a parameter change is no version change").contains("value: hello");
        rollouts.cancel(r.id());
        fleet.update(intent.id(), toV2);
        assertThat(yaml("c2")).contains("revision: 2.0.0");
    }

    @Test
    void firstRollout_ofAStagedFleetDeployment_devicesGetNothingUntilTheirWave_rollbackRemovesIt() {
        Intent intent = fleet.create(new FleetDeployments.Request("first", "default", V2, Optional.empty(),
                Map.of(), new Selector(java.util.Set.of(), Map.of("site", "plant-7"), List.of()), true, true),
                "alice");
        assertThat(fleet.members(intent.id())).hasSize(5).allMatch(m -> m.placement() == Member.Placement.HELD);
        for (int i = 1; i <= 5; i++) {
            assertThat(live("c" + i)).as("held: nothing deployed").isEmpty();
            assertThat(version("c" + i)).isEqualTo(1);
        }
        Rollout r = rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Devices(1),
                new WaveSize.Percent(100)), 1.0, 0.0, Duration.ofMinutes(10)), "alice");
        assertThat(r.fromVersion()).isEqualTo(Rollout.NONE);
        assertThat(yaml("c1")).contains("revision: 2.0.0");
        assertThat(live("c2")).as("its wave has not started").isEmpty();
        assertThat(rollouts.progress(r.id()).counts()).containsEntry(DeviceProgress.State.WAITING, 4);

        report("c1", "installed");
        engine.tick();
        assertThat(rollouts.progress(r.id()).rollout().currentWave()).isEqualTo(1);
        for (int i = 2; i <= 5; i++) {
            assertThat(yaml("c" + i)).contains("revision: 2.0.0");
        }
        report("c2", "installed");
        engine.tick();
        assertThat(rollouts.progress(r.id()).rollout().state()).as("c3..c5 have not installed")
                .isEqualTo(Rollout.State.RUNNING);

        Rollout back = rollouts.rollback(r.id(), "bob");
        assertThat(back.fromVersion()).isEqualTo("2.0.0");
        assertThat(back.toVersion()).isEqualTo(Rollout.NONE);
        assertThat(live("c1")).as("the canary loses it first").isEmpty();
        assertThat(version("c1")).as("a removal is a new manifest version").isEqualTo(3);
        assertThat(live("c2")).hasSize(1);
        engine.tick(); // the canary's removal is done: the second wave removes the rest
        for (int i = 1; i <= 5; i++) {
            assertThat(live("c" + i)).as("c" + i).isEmpty();
            assertThat(version("c" + i)).as("c" + i).isEqualTo(3);
        }
        engine.tick();
        Progress p = rollouts.progress(back.id());
        assertThat(p.rollout().state()).isEqualTo(Rollout.State.COMPLETED);
        assertThat(p.counts()).containsEntry(DeviceProgress.State.REMOVED, 5);
        assertThat(fleet.get(intent.id()).staged()).as("still staged: a new device gets nothing").isTrue();
        labels.put("c6", "site", "plant-7");
        assertThat(live("c6")).isEmpty();

        Rollout again = rollouts.start(new Rollouts.Request(intent.id(), "2.0.0", List.of(new WaveSize.Percent(100)),
                1.0, 0.0, Duration.ofMinutes(10)), "alice");
        assertThat(again.fromVersion()).isEqualTo(Rollout.NONE);
        for (int i = 1; i <= 6; i++) {
            report("c" + i, "installed");
        }
        engine.tick();
        assertThat(rollouts.progress(again.id()).rollout().state()).isEqualTo(Rollout.State.COMPLETED);
        assertThat(fleet.get(intent.id()).staged()).as("a completed first rollout unstages it").isFalse();
        assertThat(yaml("c6")).contains("revision: 2.0.0");
    }
}
