package org.openmargo.wfm.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.audit.AuditEvent;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/** {@link ManifestCache} over the real store on H2: what it serves from memory and when it lets go of an entry. */
class ManifestCacheTest {
    private static final String ID = "a3e2f5dc-912e-494f-8395-52cf3769bc06";

    private final Database db = Database.open(new DatabaseSettings("jdbc:h2:mem:cache-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2));
    private final ManifestCache cache = ManifestCache.create(db.desiredState(), Duration.ofHours(1), 100);

    @AfterEach
    void close() {
        db.close();
    }

    private static ValidatedDeployment deployment(String revision) {
        String yaml = "apiVersion: application.margo.org/v1alpha1\nkind: ApplicationDeployment\nid: " + ID
                + "\nmetadata:\n  name: app\n  revision: " + revision + "\n";
        return new ValidatedDeployment(ID, "device-1", "app", List.of("web"), yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void manifest_changedBehindTheCacheWithinTtl_cachedVersionServed() {
        assertThat(cache.manifest("c1").version()).isEqualTo(1);
        db.desiredState().put("c1", deployment("1"));

        assertThat(cache.manifest("c1").version()).isEqualTo(1);
    }

    @Test
    void put_throughTheCache_nextManifestIsTheNewVersion() {
        assertThat(cache.manifest("c1").version()).isEqualTo(1);
        cache.put("c1", deployment("1"));

        assertThat(cache.manifest("c1").version()).isEqualTo(2);
    }

    @Test
    void put_inATransactionThatRollsBack_cachedEntryAndDatabaseUnchanged() {
        StoredManifest before = cache.manifest("c1");
        assertThatThrownBy(() -> db.audit().appendWith(() -> {
            cache.put("c1", deployment("1"));
            throw new IllegalStateException("refused after the put");
        }, ignored -> new AuditEvent(java.time.Instant.EPOCH, "op", "127.0.0.1", "put", "c1", "")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(cache.manifest("c1")).isSameAs(before);
        assertThat(db.desiredState().manifest("c1").version()).isEqualTo(1);
    }

    @Test
    void bundleAndYaml_referencedByTheManifest_servedThroughTheCache() {
        ValidatedDeployment d = deployment("1");
        cache.put("c1", d);
        String body = new String(cache.manifest("c1").body(), StandardCharsets.UTF_8);
        int at = body.indexOf("\"digest\":\"") + 10;
        Digest bundle = new Digest(body.substring(at, at + 71));

        assertThat(cache.bundle("c1", bundle)).hasValueSatisfying(b -> assertThat(Digest.sha256(b)).isEqualTo(bundle));
        assertThat(cache.bundle("c2", bundle)).isEmpty();
        assertThat(cache.deploymentYaml("c1", ID, d.digest())).hasValueSatisfying(
                y -> assertThat(y).isEqualTo(d.yaml()));
    }

    @Test
    void invalidate_afterAChangeBehindTheCache_nextManifestIsTheNewVersion() {
        assertThat(cache.manifest("c1").version()).isEqualTo(1);
        db.desiredState().put("c1", deployment("1"));

        cache.invalidate("c1");

        assertThat(cache.manifest("c1").version()).isEqualTo(2);
    }

    @Test
    void invalidateAll_afterChangesBehindTheCache_everyClientReloaded() {
        cache.manifest("c1");
        cache.manifest("c2");
        db.desiredState().put("c1", deployment("1"));
        db.desiredState().put("c2", deployment("1"));

        cache.invalidateAll();

        assertThat(cache.manifest("c1").version()).isEqualTo(2);
        assertThat(cache.manifest("c2").version()).isEqualTo(2);
    }

    @Test
    void fresh_withAStaleEntry_readsTheDatabaseAndCachesTheResult() {
        cache.manifest("c1");
        db.desiredState().put("c1", deployment("1"));

        assertThat(cache.fresh("c1").version()).isEqualTo(2);
        assertThat(cache.manifest("c1").version()).isEqualTo(2);
    }

    @Test
    void coherentFalse_entryOlderThanTheShortTtl_reloaded() {
        long[] now = {0};
        ManifestCache timed = ManifestCache.create(db.desiredState(), Duration.ofHours(1), 100, () -> now[0]);
        timed.manifest("c1");
        db.desiredState().put("c1", deployment("1"));
        now[0] = Duration.ofSeconds(2).toNanos();
        assertThat(timed.manifest("c1").version()).as("within the long TTL").isEqualTo(1);

        timed.coherent(false, Duration.ofSeconds(1));

        assertThat(timed.manifest("c1").version()).isEqualTo(2);
        db.desiredState().put("c1", deployment("2"));
        timed.coherent(true, Duration.ofSeconds(1));
        now[0] = Duration.ofSeconds(4).toNanos();
        assertThat(timed.manifest("c1").version()).as("the long TTL again").isEqualTo(2);
    }

    @Test
    void manifestForAPoll_singleInstance_servesTheCachedEntry() {
        StoredManifest cached = cache.manifest("c1");
        db.desiredState().put("c1", deployment("1"));

        assertThat(cache.manifest("c1", etag -> false)).isSameAs(cached);
    }

    @Test
    void manifestForAPoll_sharedDatabase_clientHoldsAnotherVersion_readsTheDatabase() {
        cache.coherent(true, Duration.ofSeconds(1));
        StoredManifest cached = cache.manifest("c1");
        db.desiredState().put("c1", deployment("1"));

        assertThat(cache.manifest("c1", etag -> etag.equals(cached.etag()))).isSameAs(cached);
        assertThat(cache.manifest("c1", etag -> false).version()).isEqualTo(2);
    }
}
