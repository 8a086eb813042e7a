package org.openmargo.wfm.store;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbRow;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import org.openmargo.wfm.rollout.Rollout;
import org.openmargo.wfm.rollout.RolloutRows;
import org.openmargo.wfm.rollout.WaveSize;

/** {@link RolloutRows} on Helidon DbClient. */
final class JdbcRolloutStore implements RolloutRows {
    private final Transactor tx;

    JdbcRolloutStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Rollout r) {
        tx.write("starting a rollout", s -> s.dml(RolloutSql.INSERT, r.id(), r.intentId(), column(r.fromVersion()),
                column(r.toVersion()), WaveSize.toJson(r.waves()).toString().getBytes(StandardCharsets.UTF_8),
                r.successThreshold(), r.errorThreshold(), r.waveTimeout().toMillis(), r.state().name(),
                r.currentWave(), UtcTime.toColumn(r.waveStartedAt()), r.reason().orElse(null),
                r.rollbackOf().orElse(null), r.createdBy(), UtcTime.toColumn(r.createdAt()), r.intentId()));
    }

    @Override
    public void update(Rollout r) {
        tx.write("changing a rollout", s -> s.dml(RolloutSql.UPDATE, r.state().name(), r.currentWave(),
                UtcTime.toColumn(r.waveStartedAt()), r.reason().orElse(null), r.id()));
    }

    @Override
    public Optional<Rollout> rollout(String rolloutId) {
        return tx.read("reading a rollout", s -> s.first(RolloutSql.ROLLOUT, JdbcRolloutStore::rollout, rolloutId));
    }

    @Override
    public Optional<Rollout> lock(String rolloutId) {
        return tx.read("locking a rollout", s -> s.first(RolloutSql.LOCK, JdbcRolloutStore::rollout, rolloutId));
    }

    @Override
    public List<Rollout> all() {
        return tx.read("listing rollouts", s -> s.list(RolloutSql.ALL, JdbcRolloutStore::rollout).stream()
                .sorted(Comparator.comparing(Rollout::createdAt).reversed().thenComparing(Rollout::id)).toList());
    }

    @Override
    public List<String> running() {
        return tx.read("listing running rollouts", s -> s.sortedStrings(RolloutSql.RUNNING));
    }

    @Override
    public void insertDevice(String rolloutId, String clientId, String deviceId, int wave) {
        tx.write("starting a rollout", s -> s.dml(RolloutSql.INSERT_DEVICE, rolloutId, clientId, deviceId, wave));
    }

    @Override
    public boolean exclude(String rolloutId, String clientId, String deviceId) {
        return tx.write("excluding a device", s -> s.dml(RolloutSql.EXCLUDE, rolloutId, clientId, deviceId) > 0);
    }

    @Override
    public List<DeviceRow> devices(String rolloutId, String intentId) {
        return tx.read("reading a rollout's devices", s -> s.list(RolloutSql.DEVICES, r -> {
            Optional<String> placement = Optional.ofNullable(Sql.string(r, 7));
            Optional<Status> status = Sql.optionalLong(r, 10).map(v -> new Status(v, Sql.string(r, 11),
                    Sql.bytes(r, 12), Sql.instant(r, 13)));
            return new DeviceRow(Sql.string(r, 1), Sql.string(r, 2), Sql.intValue(r, 3), bool(r, 4),
                    Optional.ofNullable(Sql.string(r, 5)), Optional.ofNullable(Sql.string(r, 6)),
                    placement.filter("NOT_PLACEABLE"::equals).map(p -> Optional.ofNullable(Sql.string(r, 8))
                            .orElse("not placeable")),
                    Sql.optionalLong(r, 9), status, "HELD".equals(placement.orElse(null)));
        }, intentId, rolloutId).stream().sorted(Comparator.comparingInt(DeviceRow::wave)
                .thenComparing(DeviceRow::clientId).thenComparing(DeviceRow::deviceId)).toList());
    }

    private static Rollout rollout(DbRow r) {
        List<WaveSize> waves;
        try (JsonReader reader = Json.createReader(new StringReader(new String(Sql.bytes(r, 5),
                StandardCharsets.UTF_8)))) {
            waves = WaveSize.parse(reader.readArray());
        }
        return new Rollout(Sql.string(r, 1), Sql.string(r, 2), version(Sql.string(r, 3)), version(Sql.string(r, 4)),
                waves,
                ((Number) r.column(6).get()).doubleValue(), ((Number) r.column(7).get()).doubleValue(),
                Duration.ofMillis(Sql.longValue(r, 8)), Rollout.State.valueOf(Sql.string(r, 9)), Sql.intValue(r, 10),
                Sql.instant(r, 11), Optional.ofNullable(Sql.string(r, 12)), Optional.ofNullable(Sql.string(r, 13)),
                Sql.string(r, 14), Sql.instant(r, 15));
    }

    /** {@link Rollout#NONE} is stored as NULL. */
    private static String column(String version) {
        return version.equals(Rollout.NONE) ? null : version;
    }

    private static String version(String column) {
        return column == null ? Rollout.NONE : column;
    }

    private static boolean bool(DbRow r, int column) {
        return (Boolean) r.column(column).get();
    }
}
