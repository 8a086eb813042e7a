package org.openmargo.wfm.store;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.helidon.dbclient.DbRow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.ProfileChoice;
import org.openmargo.wfm.fleet.FleetRows;
import org.openmargo.wfm.fleet.Intent;
import org.openmargo.wfm.fleet.Member;
import org.openmargo.wfm.fleet.Selector;

/** {@link FleetRows} on Helidon DbClient. Parameters and selectors are stored as their JSON text. */
final class JdbcFleetStore implements FleetRows {
    private final Transactor tx;
    private final Clock clock;

    JdbcFleetStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void insertIntent(Intent i) {
        tx.write("creating a fleet deployment", s -> s.dml(FleetSql.INSERT_INTENT, i.id(), i.name(), i.namespace(),
                i.app().appId(), i.app().version(), i.profileId().orElse(null), json(i.parameters()),
                utf8(i.selector().toJson()), i.removeOnMismatch(), i.deleted(), i.createdBy(),
                UtcTime.toColumn(i.createdAt()), i.staged()));
    }

    @Override
    public void updateIntent(Intent i) {
        tx.write("changing a fleet deployment", s -> s.dml(FleetSql.UPDATE_INTENT, i.app().version(),
                i.profileId().orElse(null), json(i.parameters()), utf8(i.selector().toJson()), i.removeOnMismatch(),
                i.deleted(), i.staged(), i.id()));
    }

    @Override
    public void deleteIntent(String intentId) {
        tx.write("deleting a fleet deployment", s -> s.dml(FleetSql.DELETE_INTENT, intentId));
    }

    @Override
    public Optional<Intent> intent(String intentId) {
        return tx.read("reading a fleet deployment", s -> s.first(FleetSql.INTENT, JdbcFleetStore::intent, intentId));
    }

    @Override
    public Optional<String> activeRollout(String intentId) {
        return tx.read("reading a fleet deployment's rollout", s -> s.sortedStrings(FleetSql.ACTIVE_ROLLOUT, intentId))
                .stream().findFirst();
    }

    @Override
    public Optional<Intent> lockIntent(String intentId) {
        return tx.read("locking a fleet deployment", s -> s.first(FleetSql.LOCK_INTENT, JdbcFleetStore::intent,
                intentId));
    }

    @Override
    public List<Intent> intents() {
        return tx.read("listing fleet deployments", s -> s.list(FleetSql.INTENTS, JdbcFleetStore::intent).stream()
                .sorted(Comparator.comparing(Intent::name)).toList());
    }

    @Override
    public List<Member> members(String clientId) {
        return tx.read("reading fleet members", s -> sorted(s.list(FleetSql.MEMBERS, JdbcFleetStore::member,
                clientId)));
    }

    @Override
    public List<Member> membersOf(String intentId) {
        return tx.read("reading fleet members", s -> sorted(s.list(FleetSql.MEMBERS_OF, JdbcFleetStore::member,
                intentId)));
    }

    @Override
    public List<String> memberClients() {
        return tx.read("listing fleet clients", s -> s.sortedStrings(FleetSql.MEMBER_CLIENTS));
    }

    @Override
    public void putMember(Member m) {
        tx.write("storing a fleet member", s -> {
            String appId = s.first(FleetSql.INTENT, r -> Sql.string(r, 4), m.intentId()).orElseThrow();
            Object[] params = {m.deploymentId(), appId, m.version(), m.applied().orElse(null), m.placement().name(),
                    m.reason().map(r -> r.length() > 2048 ? r.substring(0, 2048) : r).orElse(null), m.intentId(),
                    m.clientId(), m.deviceId()};
            if (s.dml(FleetSql.UPDATE_MEMBER, params) == 0) {
                s.dml(FleetSql.INSERT_MEMBER, params);
            }
            return null;
        });
    }

    @Override
    public void deleteMember(String intentId, String clientId, String deviceId) {
        tx.write("removing a fleet member", s -> s.dml(FleetSql.DELETE_MEMBER, intentId, clientId, deviceId));
    }

    @Override
    public Map<String, String> labels(String clientId) {
        return tx.read("reading client labels", s -> {
            Map<String, String> out = new TreeMap<>();
            s.list(FleetSql.LABELS, r -> Map.entry(Sql.string(r, 1), Sql.string(r, 2)), clientId)
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    @Override
    public Optional<String> putLabel(String clientId, String name, String value) {
        return tx.write("setting a client label", s -> {
            Optional<String> before = s.first(FleetSql.LABEL, r -> Sql.string(r, 1), clientId, name);
            var now = UtcTime.toColumn(clock.instant());
            if (s.dml(FleetSql.UPDATE_LABEL, value, now, clientId, name) == 0) {
                s.dml(FleetSql.INSERT_LABEL, value, now, clientId, name);
            }
            return before;
        });
    }

    @Override
    public boolean removeLabel(String clientId, String name) {
        return tx.write("removing a client label", s -> s.dml(FleetSql.DELETE_LABEL, clientId, name) > 0);
    }

    @Override
    public Map<String, Map<String, String>> allLabels() {
        return tx.read("reading client labels", s -> {
            Map<String, Map<String, String>> out = new TreeMap<>();
            s.list(FleetSql.ALL_LABELS, r -> new String[] {Sql.string(r, 1), Sql.string(r, 2), Sql.string(r, 3)})
                    .forEach(a -> out.computeIfAbsent(a[0], k -> new TreeMap<>()).put(a[1], a[2]));
            return out;
        });
    }

    private static List<Member> sorted(List<Member> members) {
        return members.stream().sorted(Comparator.comparing(Member::clientId).thenComparing(Member::deviceId)
                .thenComparing(Member::intentId)).toList();
    }

    private static Intent intent(DbRow r) {
        Optional<String> profile = Optional.ofNullable(Sql.string(r, 6));
        Map<String, JsonValue> parameters = new HashMap<>(read(Sql.bytes(r, 7)));
        return new Intent(Sql.string(r, 1), Sql.string(r, 2), Sql.string(r, 3),
                new AppVersion(Sql.string(r, 4), Sql.string(r, 5)),
                profile.<ProfileChoice>map(ProfileChoice.ById::new).orElseGet(ProfileChoice.AnySupported::new),
                parameters, Selector.parse(read(Sql.bytes(r, 8)), "selector"), bool(r, 9), bool(r, 10),
                Sql.string(r, 11), Sql.instant(r, 12), bool(r, 13));
    }

    private static Member member(DbRow r) {
        return new Member(Sql.string(r, 1), Sql.string(r, 2), Sql.string(r, 3), Sql.string(r, 4), Sql.string(r, 5),
                Optional.ofNullable(Sql.string(r, 6)), Member.Placement.valueOf(Sql.string(r, 7)),
                Optional.ofNullable(Sql.string(r, 8)));
    }

    private static boolean bool(DbRow r, int column) {
        return (Boolean) r.column(column).get();
    }

    private static byte[] json(Map<String, JsonValue> values) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        new TreeMap<>(values).forEach(b::add);
        return utf8(b.build());
    }

    private static byte[] utf8(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject read(byte[] bytes) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
