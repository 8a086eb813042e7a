package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.desiredstate.BundleArchive;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.DesiredStateStore.Change;
import org.openmargo.wfm.desiredstate.DesiredStateStore.DeploymentRecord;
import org.openmargo.wfm.desiredstate.DesiredStateStore.PutResult;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.StoredManifest;
import org.openmargo.wfm.desiredstate.TestTarReader;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;

/** The behaviour of {@link DesiredStateStore} that every backend must show. */
abstract class DesiredStateStoreContract extends StoreContract {
    static final String ID_A = "a3e2f5dc-912e-494f-8395-52cf3769bc06";
    static final String ID_B = "b7f1c2d3-0000-4000-8000-000000000002";

    DesiredStateStore store() {
        return db().database.desiredState();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The manifest body the store must serve for these deployments at this version. */
    static String expectedBody(long version, ValidatedDeployment... current) {
        if (current.length == 0) {
            return "{\"bundle\":null,\"deployments\":[],\"manifestVersion\":" + version + "}";
        }
        List<ValidatedDeployment> sorted = java.util.Arrays.stream(current)
                .sorted(java.util.Comparator.comparing(ValidatedDeployment::id)).toList();
        byte[] bundle = BundleArchive.build(sorted.stream()
                .map(d -> new BundleArchive.Entry(d.id(), d.yaml())).toList());
        Digest bundleDigest = Digest.sha256(bundle);
        StringBuilder b = new StringBuilder("{\"bundle\":{\"digest\":\"" + bundleDigest
                + "\",\"mediaType\":\"application/vnd.margo.bundle.v1+tar+gzip\",\"sizeBytes\":" + bundle.length
                + ",\"url\":\"/api/v1/bundles/" + bundleDigest + "\"},\"deployments\":[");
        for (int i = 0; i < sorted.size(); i++) {
            ValidatedDeployment d = sorted.get(i);
            b.append(i == 0 ? "" : ",").append("{\"deploymentId\":\"").append(d.id()).append("\",\"digest\":\"")
                    .append(d.digest()).append("\",\"sizeBytes\":").append(d.yaml().length)
                    .append(",\"url\":\"/api/v1/deployments/").append(d.id()).append('/').append(d.digest())
                    .append("\"}");
        }
        return b.append("],\"manifestVersion\":").append(version).append('}').toString();
    }

    static Digest bundleDigestOf(StoredManifest manifest) {
        String body = text(manifest.body());
        int at = body.indexOf("\"digest\":\"") + 10;
        return new Digest(body.substring(at, at + 71));
    }

    @Test
    void manifest_clientWithoutChanges_isVirtualVersion1() {
        StoredManifest manifest = store().manifest(client("a"));

        assertThat(manifest.version()).isEqualTo(1);
        assertThat(text(manifest.body())).isEqualTo("{\"bundle\":null,\"deployments\":[],\"manifestVersion\":1}");
        assertThat(manifest.etag()).isEqualTo(Digest.sha256(manifest.body()).etag());
        assertThat(store().manifest(client("a")).body()).isEqualTo(manifest.body());
        assertThat(store().clients()).doesNotContain(client("a"));
    }

    @Test
    void put_firstDeployment_createdAtVersion2WithExactManifest() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"), "web", "db");

        PutResult result = store().put(client("a"), a);

        assertThat(result).isEqualTo(new PutResult(Change.CREATED, 2));
        StoredManifest manifest = store().manifest(client("a"));
        assertThat(manifest.version()).isEqualTo(2);
        assertThat(text(manifest.body())).isEqualTo(expectedBody(2, a));
        assertThat(manifest.etag()).isEqualTo("\"" + Digest.sha256(manifest.body()).value() + "\"");
    }

    @Test
    void put_sameBytesAgain_unchangedAndVersionKept() {
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "1"), "web"));
        StoredManifest before = store().manifest(client("a"));

        PutResult result = store().put(client("a"), deployment(ID_A, yaml(ID_A, "1"), "web"));

        assertThat(result).isEqualTo(new PutResult(Change.UNCHANGED, 2));
        StoredManifest after = store().manifest(client("a"));
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(after.etag()).isEqualTo(before.etag());
    }

    @Test
    void put_newBytesForExistingId_replacedAndSinceVersionMoves() {
        ValidatedDeployment v1 = deployment(ID_A, yaml(ID_A, "1"), "web");
        ValidatedDeployment v2 = deployment(ID_A, yaml(ID_A, "2"), "web", "cache");
        store().put(client("a"), v1);

        PutResult result = store().put(client("a"), v2);

        assertThat(result).isEqualTo(new PutResult(Change.REPLACED, 3));
        assertThat(text(store().manifest(client("a")).body())).isEqualTo(expectedBody(3, v2));
        assertThat(store().deployments(client("a"))).containsExactly(new DeploymentRecord(ID_A, "device-1",
                "app-a3e2", v2.digest(), List.of("web", "cache"), 3, Optional.empty()));
    }

    @Test
    void put_sequenceOfChanges_versionsStrictlyIncreaseByOne() {
        List<Long> versions = new java.util.ArrayList<>();
        versions.add(store().put(client("a"), deployment(ID_A, yaml(ID_A, "1"))).manifestVersion());
        versions.add(store().put(client("a"), deployment(ID_B, yaml(ID_B, "1"))).manifestVersion());
        versions.add(store().put(client("a"), deployment(ID_A, yaml(ID_A, "1"))).manifestVersion());
        versions.add(store().put(client("a"), deployment(ID_A, yaml(ID_A, "2"))).manifestVersion());
        versions.add(store().remove(client("a"), ID_B).orElseThrow());
        versions.add(store().put(client("a"), deployment(ID_A, yaml(ID_A, "1"))).manifestVersion());

        assertThat(versions).containsExactly(2L, 3L, 3L, 4L, 5L, 6L);
        assertThat(store().manifest(client("a")).version()).isEqualTo(6);
    }

    @Test
    void putAndRemove_eachChange_exactlyOneTransaction() {
        Transactor tx = db().database.transactor();
        int before = tx.transactionsBegun();
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "1")));
        int afterCreate = tx.transactionsBegun();
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "2")));
        int afterReplace = tx.transactionsBegun();
        store().remove(client("a"), ID_A);
        int afterRemove = tx.transactionsBegun();

        // Each change reads and writes a dozen rows (lock, YAML, deployment, components, bundle, manifest): all of
        // them join the one transaction the domain service opens.
        assertThat(List.of(afterCreate - before, afterReplace - afterCreate, afterRemove - afterReplace))
                .containsExactly(1, 1, 1);
    }

    @Test
    void apply_severalPutsAndARemoval_oneTransactionAndOneNewVersion() {
        store().put(client("a"), deployment(ID_B, yaml(ID_B, "1")));
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"), "web");
        Transactor tx = db().database.transactor();
        int before = tx.transactionsBegun();

        Optional<Long> version = store().apply(client("a"), List.of(a), List.of(ID_B));

        assertThat(tx.transactionsBegun() - before).isEqualTo(1);
        assertThat(version).contains(3L);
        assertThat(text(store().manifest(client("a")).body())).isEqualTo(expectedBody(3, a));
        assertThat(store().deployments(client("a"))).extracting(DeploymentRecord::removedInVersion)
                .containsExactly(Optional.empty(), Optional.of(3L));
    }

    @Test
    void apply_nothingThatChanges_emptyAndVersionKept() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"), "web");
        store().put(client("a"), a);
        StoredManifest before = store().manifest(client("a"));

        assertThat(store().apply(client("a"), List.of(a), List.of(ID_B))).isEmpty();
        assertThat(store().apply(client("a"), List.of(), List.of())).isEmpty();

        assertThat(store().manifest(client("a")).body()).isEqualTo(before.body());
    }

    @Test
    void apply_sameIdTwice_refusedBeforeAnyChange() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"), "web");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store().apply(client("a"), List.of(a), List.of(ID_A)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().manifest(client("a")).version()).isEqualTo(1);
    }

    @Test
    void put_replacedDigest_oldYamlStillRetrievable() {
        ValidatedDeployment v1 = deployment(ID_A, yaml(ID_A, "1"));
        store().put(client("a"), v1);
        Digest oldBundle = bundleDigestOf(store().manifest(client("a")));
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "2")));

        assertThat(store().deploymentYaml(client("a"), ID_A, v1.digest())).hasValueSatisfying(
                y -> assertThat(y).isEqualTo(v1.yaml()));
        assertThat(store().bundle(client("a"), oldBundle)).isPresent();
    }

    @Test
    void manifest_twoDeployments_bundleDigestIsSha256OfStoredBundleWithBothYamls() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"));
        ValidatedDeployment b = deployment(ID_B, yaml(ID_B, "1"));
        store().put(client("a"), b);
        store().put(client("a"), a);

        StoredManifest manifest = store().manifest(client("a"));
        Digest digest = bundleDigestOf(manifest);
        byte[] bundle = store().bundle(client("a"), digest).orElseThrow();

        assertThat(Digest.sha256(bundle)).isEqualTo(digest);
        assertThat(TestTarReader.read(bundle).entries()).extracting(e -> e.header().name(), e -> text(e.data()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ID_A + ".yaml", text(a.yaml())),
                        org.assertj.core.groups.Tuple.tuple(ID_B + ".yaml", text(b.yaml())));
    }

    @Test
    void remove_lastDeployment_bundleNullAndRecordKept() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"), "web");
        store().put(client("a"), a);

        Optional<Long> version = store().remove(client("a"), ID_A);

        assertThat(version).contains(3L);
        StoredManifest manifest = store().manifest(client("a"));
        assertThat(text(manifest.body())).isEqualTo("{\"bundle\":null,\"deployments\":[],\"manifestVersion\":3}");
        assertThat(manifest.etag()).isEqualTo(Digest.sha256(manifest.body()).etag());
        assertThat(store().deployments(client("a"))).containsExactly(new DeploymentRecord(ID_A, "device-1",
                "app-a3e2", a.digest(), List.of("web"), 2, Optional.of(3L)));
        assertThat(store().deploymentYaml(client("a"), ID_A, a.digest())).isPresent();
    }

    @Test
    void remove_oneOfTwo_manifestListsTheOther() {
        ValidatedDeployment b = deployment(ID_B, yaml(ID_B, "1"));
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "1")));
        store().put(client("a"), b);

        assertThat(store().remove(client("a"), ID_A)).contains(4L);
        assertThat(text(store().manifest(client("a")).body())).isEqualTo(expectedBody(4, b));
    }

    @Test
    void remove_unknownOrRemovedDeployment_emptyAndVersionKept() {
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "1")));
        store().remove(client("a"), ID_A);

        assertThat(store().remove(client("a"), ID_A)).isEmpty();
        assertThat(store().remove(client("a"), ID_B)).isEmpty();
        assertThat(store().manifest(client("a")).version()).isEqualTo(3);
    }

    @Test
    void remove_clientWithoutChanges_emptyAndNothingStored() {
        assertThat(store().remove(client("a"), ID_A)).isEmpty();

        assertThat(store().clients()).doesNotContain(client("a"));
        assertThat(store().manifest(client("a")).version()).isEqualTo(1);
    }

    @Test
    void put_afterRemove_createdWithNewSinceVersion() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"), "web");
        store().put(client("a"), a);
        store().remove(client("a"), ID_A);

        PutResult result = store().put(client("a"), a);

        assertThat(result).isEqualTo(new PutResult(Change.CREATED, 4));
        assertThat(store().deployments(client("a"))).containsExactly(new DeploymentRecord(ID_A, "device-1",
                "app-a3e2", a.digest(), List.of("web"), 4, Optional.empty()));
        assertThat(text(store().manifest(client("a")).body())).isEqualTo(expectedBody(4, a));
    }

    @Test
    void deployments_currentAndRemoved_orderedByIdWithComponentsInOrder() {
        store().put(client("a"), deployment(ID_B, yaml(ID_B, "1"), "z", "a", "m"));
        store().put(client("a"), deployment(ID_A, yaml(ID_A, "1"), "only"));
        store().remove(client("a"), ID_B);

        assertThat(store().deployments(client("a")))
                .extracting(DeploymentRecord::deploymentId, DeploymentRecord::componentNames,
                        DeploymentRecord::sinceVersion, DeploymentRecord::removedInVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ID_A, List.of("only"), 3L, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple(ID_B, List.of("z", "a", "m"), 2L, Optional.of(4L)));
    }

    @Test
    void deploymentYaml_oddBytes_returnedExactly() {
        byte[] bytes = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'i', 'd', ':', ' ', 'x', '\r', '\n', (byte) 0xff, 0, '\t'};
        ValidatedDeployment d = new ValidatedDeployment(ID_A, "gw/dev", "n", List.of("c"), bytes);
        store().put(client("a"), d);

        assertThat(store().deploymentYaml(client("a"), ID_A, d.digest())).hasValueSatisfying(
                y -> assertThat(y).isEqualTo(bytes));
    }

    @Test
    void deploymentYaml_fiveMegabytes_roundTrips() {
        byte[] big = ("# " + "x".repeat(98) + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8);
        ValidatedDeployment d = new ValidatedDeployment(ID_A, "device-1", "big", List.of("c"), big);
        store().put(client("a"), d);

        assertThat(store().deploymentYaml(client("a"), ID_A, d.digest())).hasValueSatisfying(
                y -> assertThat(Digest.sha256(y)).isEqualTo(d.digest()));
        Digest bundle = bundleDigestOf(store().manifest(client("a")));
        assertThat(store().bundle(client("a"), bundle).map(Digest::sha256)).contains(bundle);
    }

    @Test
    void deploymentYaml_unknownDigestOrId_empty() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"));
        store().put(client("a"), a);

        assertThat(store().deploymentYaml(client("a"), ID_A, Digest.sha256(new byte[0]))).isEmpty();
        assertThat(store().deploymentYaml(client("a"), ID_B, a.digest())).isEmpty();
        assertThat(store().bundle(client("a"), a.digest())).isEmpty();
    }

    @Test
    void deploymentYamlAndBundle_otherClient_empty() {
        ValidatedDeployment a = deployment(ID_A, yaml(ID_A, "1"));
        store().put(client("a"), a);
        Digest bundle = bundleDigestOf(store().manifest(client("a")));

        assertThat(store().deploymentYaml(client("b"), ID_A, a.digest())).isEmpty();
        assertThat(store().bundle(client("b"), bundle)).isEmpty();
        assertThat(store().deployments(client("b"))).isEmpty();
        assertThat(store().manifest(client("b")).version()).isEqualTo(1);
    }

    @Test
    void put_sameIdUnderTwoClients_independentVersionsAndContent() {
        ValidatedDeployment forA = deployment(ID_A, yaml(ID_A, "for-a"), "web");
        ValidatedDeployment forB = deployment(ID_A, yaml(ID_A, "for-b"), "api");
        store().put(client("a"), forA);
        store().put(client("a"), deployment(ID_B, yaml(ID_B, "1")));

        PutResult result = store().put(client("b"), forB);

        assertThat(result).isEqualTo(new PutResult(Change.CREATED, 2));
        assertThat(store().remove(client("b"), ID_A)).contains(3L);
        assertThat(text(store().manifest(client("a")).body())).isEqualTo(
                expectedBody(3, forA, deployment(ID_B, yaml(ID_B, "1"))));
        assertThat(store().deploymentYaml(client("a"), ID_A, forB.digest())).isEmpty();
        assertThat(store().deployments(client("a"))).extracting(DeploymentRecord::componentNames)
                .containsExactly(List.of("web"), List.of());
    }

    @Test
    void clients_afterChanges_listsExactlyThoseClientsOrdered() {
        store().put(client("z"), deployment(ID_A, yaml(ID_A, "1")));
        store().put(client("m"), deployment(ID_A, yaml(ID_A, "1")));
        store().remove(client("m"), ID_A);
        store().remove(client("q"), ID_A);

        assertThat(store().clients().stream().filter(c -> c.startsWith(prefix)))
                .containsExactly(client("m"), client("z"));
    }
}
