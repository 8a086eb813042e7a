package org.openmargo.wfm.store;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openmargo.wfm.desiredstate.DesiredStateRows;
import org.openmargo.wfm.desiredstate.DesiredStateStore.DeploymentRecord;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.StoredManifest;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;

/** {@link DesiredStateRows} on Helidon DbClient. */
final class JdbcDesiredStateStore implements DesiredStateRows {
    private final Transactor tx;
    private final Optional<String> changeChannel;

    /** @param changeChannel the PostgreSQL notification channel of this schema; empty on H2 */
    JdbcDesiredStateStore(Transactor tx, Optional<String> changeChannel) {
        this.tx = tx;
        this.changeChannel = changeChannel;
    }

    @Override
    public void announceChange(String clientId) {
        changeChannel.ifPresent(channel -> tx.write("announcing a change", s -> s.first(DesiredStateSql.NOTIFY,
                r -> Boolean.TRUE, channel, clientId)));
    }

    @Override
    public Optional<StoredManifest> manifest(String clientId) {
        return tx.read("reading the manifest", s -> s.first(DesiredStateSql.MANIFEST,
                r -> new StoredManifest(Sql.longValue(r, 1), Sql.bytes(r, 2), Sql.string(r, 3)), clientId));
    }

    @Override
    public void createManifestIfAbsent(String clientId, StoredManifest manifest) {
        tx.write("creating a manifest", s -> s.dml(DesiredStateSql.CREATE_MANIFEST_IF_ABSENT, clientId,
                manifest.version(), manifest.body(), manifest.etag()));
    }

    @Override
    public Optional<Long> lockManifest(String clientId) {
        return tx.read("locking a manifest", s -> s.first(DesiredStateSql.LOCK_MANIFEST, r -> Sql.longValue(r, 1),
                clientId));
    }

    @Override
    public void updateManifest(String clientId, StoredManifest manifest) {
        tx.write("storing a manifest", s -> s.dml(DesiredStateSql.UPDATE_MANIFEST, manifest.version(),
                manifest.body(), manifest.etag(), clientId));
    }

    @Override
    public Optional<StoredDeployment> deployment(String clientId, String deploymentId) {
        return tx.read("reading a deployment", s -> s.first(DesiredStateSql.DEPLOYMENT_STATE,
                r -> new StoredDeployment(new Digest(Sql.string(r, 1)), Sql.isNull(r, 2)), clientId, deploymentId));
    }

    @Override
    public void storeYaml(String clientId, String deploymentId, Digest digest, byte[] yaml) {
        tx.write("storing a deployment", s -> s.dml(DesiredStateSql.CREATE_YAML_IF_ABSENT, clientId, deploymentId,
                digest.value(), yaml));
    }

    @Override
    public void writeDeployment(String clientId, ValidatedDeployment d, long sinceVersion, boolean replace) {
        tx.write("storing a deployment", s -> {
            s.dml(replace ? DesiredStateSql.REPLACE_DEPLOYMENT : DesiredStateSql.INSERT_DEPLOYMENT, d.deviceId(),
                    d.name(), d.digest().value(), (long) d.yaml().length, sinceVersion, clientId, d.id());
            s.dml(DesiredStateSql.DELETE_COMPONENTS, clientId, d.id());
            for (int i = 0; i < d.componentNames().size(); i++) {
                s.dml(DesiredStateSql.INSERT_COMPONENT, clientId, d.id(), i, d.componentNames().get(i));
            }
            return null;
        });
    }

    @Override
    public void markRemoved(String clientId, String deploymentId, long version) {
        tx.write("removing a deployment", s -> s.dml(DesiredStateSql.MARK_REMOVED, version, clientId,
                deploymentId));
    }

    @Override
    public List<CurrentYaml> currentYamls(String clientId) {
        return tx.read("reading the current deployments", s -> s.list(DesiredStateSql.CURRENT_YAMLS,
                r -> new CurrentYaml(Sql.string(r, 1), new Digest(Sql.string(r, 2)), Sql.bytes(r, 3)), clientId));
    }

    @Override
    public void storeBundle(String clientId, Digest digest, byte[] archive) {
        tx.write("storing a bundle", s -> s.dml(DesiredStateSql.CREATE_BUNDLE_IF_ABSENT, clientId, digest.value(),
                archive));
    }

    @Override
    public Optional<byte[]> yaml(String clientId, String deploymentId, Digest digest) {
        return tx.read("reading a deployment", s -> s.first(DesiredStateSql.YAML, r -> Sql.bytes(r, 1), clientId,
                deploymentId, digest.value()));
    }

    @Override
    public Optional<byte[]> bundle(String clientId, Digest digest) {
        return tx.read("reading a bundle", s -> s.first(DesiredStateSql.BUNDLE, r -> Sql.bytes(r, 1), clientId,
                digest.value()));
    }

    @Override
    public List<DeploymentRecord> deployments(String clientId) {
        return tx.read("listing deployments", s -> {
            record Component(String deploymentId, int index, String name) {
            }
            Map<String, TreeMap<Integer, String>> byIndex = new HashMap<>();
            for (Component c : s.list(DesiredStateSql.COMPONENTS, r -> new Component(Sql.string(r, 1),
                    Sql.intValue(r, 2), Sql.string(r, 3)), clientId)) {
                byIndex.computeIfAbsent(c.deploymentId(), k -> new TreeMap<>()).put(c.index(), c.name());
            }
            return s.list(DesiredStateSql.DEPLOYMENTS, r -> {
                        String id = Sql.string(r, 1);
                        List<String> names = byIndex.containsKey(id) ? List.copyOf(byIndex.get(id).values())
                                : List.of();
                        return new DeploymentRecord(id, Sql.string(r, 2), Sql.string(r, 3),
                                new Digest(Sql.string(r, 4)), names, Sql.longValue(r, 5), Sql.optionalLong(r, 6));
                    }, clientId).stream()
                    // Ordered in Java: database collations differ, the contract means String order.
                    .sorted(Comparator.comparing(DeploymentRecord::deploymentId)).toList();
        });
    }

    @Override
    public List<String> clients() {
        return tx.read("listing clients", s -> s.sortedStrings(DesiredStateSql.CLIENTS));
    }
}
