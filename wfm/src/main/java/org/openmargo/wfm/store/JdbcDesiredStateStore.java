package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.StoredManifest;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;

/**
 * {@link DesiredStateStore} over JDBC. Every change first locks the client's manifest row, so the changes of one
 * client are serialized and each yields exactly one new version; different clients never wait for each other.
 */
final class JdbcDesiredStateStore implements DesiredStateStore {
    private final Transactor tx;

    JdbcDesiredStateStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public StoredManifest manifest(String clientId) {
        return tx.read("reading the manifest", c -> {
            try (PreparedStatement s = c.prepareStatement(DesiredStateSql.MANIFEST)) {
                s.setString(1, clientId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new StoredManifest(r.getLong(1), r.getBytes(2), r.getString(3))
                            : ManifestWriter.empty();
                }
            }
        });
    }

    @Override
    public Optional<byte[]> deploymentYaml(String clientId, String deploymentId, Digest digest) {
        return tx.read("reading a deployment", c -> blob(c, DesiredStateSql.YAML, clientId, deploymentId,
                digest.value()));
    }

    @Override
    public Optional<byte[]> bundle(String clientId, Digest digest) {
        return tx.read("reading a bundle", c -> blob(c, DesiredStateSql.BUNDLE, clientId, digest.value()));
    }

    @Override
    public PutResult put(String clientId, ValidatedDeployment deployment) {
        return tx.write("storing a deployment", c -> put(c, clientId, deployment));
    }

    private static PutResult put(Connection c, String clientId, ValidatedDeployment d) throws SQLException {
        ManifestWriter.createIfAbsent(c, clientId);
        long version = ManifestWriter.lock(c, clientId).orElseThrow();
        Digest digest = d.digest();
        Optional<Current> existing = current(c, clientId, d.id());
        if (existing.isPresent() && existing.get().live() && existing.get().digest().equals(digest.value())) {
            return new PutResult(Change.UNCHANGED, version);
        }
        long next = ManifestWriter.next(version);
        update(c, DesiredStateSql.CREATE_YAML_IF_ABSENT, clientId, d.id(), digest.value(), d.yaml());
        update(c, existing.isPresent() ? DesiredStateSql.REPLACE_DEPLOYMENT : DesiredStateSql.INSERT_DEPLOYMENT,
                d.deviceId(), d.name(), digest.value(), (long) d.yaml().length, next, clientId, d.id());
        update(c, DesiredStateSql.DELETE_COMPONENTS, clientId, d.id());
        for (int i = 0; i < d.componentNames().size(); i++) {
            update(c, DesiredStateSql.INSERT_COMPONENT, clientId, d.id(), i, d.componentNames().get(i));
        }
        ManifestWriter.write(c, clientId, next);
        boolean replaced = existing.isPresent() && existing.get().live();
        return new PutResult(replaced ? Change.REPLACED : Change.CREATED, next);
    }

    @Override
    public Optional<Long> remove(String clientId, String deploymentId) {
        return tx.write("removing a deployment", c -> {
            Optional<Long> version = ManifestWriter.lock(c, clientId);
            if (version.isEmpty() || !current(c, clientId, deploymentId).map(Current::live).orElse(false)) {
                return Optional.<Long>empty();
            }
            long next = ManifestWriter.next(version.get());
            update(c, DesiredStateSql.MARK_REMOVED, next, clientId, deploymentId);
            ManifestWriter.write(c, clientId, next);
            return Optional.of(next);
        });
    }

    @Override
    public List<DeploymentRecord> deployments(String clientId) {
        return tx.read("listing deployments", c -> {
            Map<String, List<String>> components = components(c, clientId);
            List<DeploymentRecord> records = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(DesiredStateSql.DEPLOYMENTS)) {
                s.setString(1, clientId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String id = r.getString(1);
                        long removed = r.getLong(6);
                        Optional<Long> removedIn = r.wasNull() ? Optional.empty() : Optional.of(removed);
                        records.add(new DeploymentRecord(id, r.getString(2), r.getString(3), new Digest(r.getString(4)),
                                components.getOrDefault(id, List.of()), r.getLong(5), removedIn));
                    }
                }
            }
            // Ordered in Java: database collations differ, the contract means String order.
            records.sort(Comparator.comparing(DeploymentRecord::deploymentId));
            return List.copyOf(records);
        });
    }

    @Override
    public List<String> clients() {
        return tx.read("listing clients", c -> Rows.sortedStrings(c, DesiredStateSql.CLIENTS));
    }

    private static Map<String, List<String>> components(Connection c, String clientId) throws SQLException {
        Map<String, TreeMap<Integer, String>> byIndex = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.COMPONENTS)) {
            s.setString(1, clientId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byIndex.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getInt(2), r.getString(3));
                }
            }
        }
        Map<String, List<String>> names = new HashMap<>();
        byIndex.forEach((id, m) -> names.put(id, List.copyOf(m.values())));
        return names;
    }

    /** The stored digest of a deployment and whether it is current. */
    private record Current(String digest, boolean live) {
    }

    private static Optional<Current> current(Connection c, String clientId, String deploymentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.DEPLOYMENT_STATE)) {
            s.setString(1, clientId);
            s.setString(2, deploymentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String digest = r.getString(1);
                r.getLong(2);
                return Optional.of(new Current(digest, r.wasNull()));
            }
        }
    }

    private static Optional<byte[]> blob(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, sql, params)) {
            s.executeUpdate();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        tx.afterCommit(action);
    }
}
