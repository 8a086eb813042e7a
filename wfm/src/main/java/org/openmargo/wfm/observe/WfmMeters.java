package org.openmargo.wfm.observe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.identity.HandshakeCounts;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identityservice.BuiltInMis;
import org.openmargo.wfm.identityservice.RenewalCounts;
import org.openmargo.wfm.store.Database;

/**
 * The meters read at scrape time from the WFM's own counters and state (functional counters and gauges): nothing on
 * a request path. The JVM and process meters are {@link JvmMeters}.
 */
final class WfmMeters {
    private static final Duration[] TRANSACTION_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};

    private WfmMeters() {
    }

    static void register(MeterRegistry registry, Database database, Identity identity, Optional<BuiltInMis> mis,
                         ManifestCache manifests, LastSeen lastSeen, Clock clock) {
        counter(registry, "openmargo.wfm.manifest.cache.hits", "Manifest lookups answered from memory",
                manifests, ManifestCache::hitsTotal, List.of());
        counter(registry, "openmargo.wfm.manifest.cache.misses",
                "Manifest lookups that read the database (absent or expired entry)", manifests,
                ManifestCache::missesTotal, List.of());
        gauge(registry, "openmargo.wfm.manifest.cache.entries", "Client manifests held in memory", manifests,
                ManifestCache::size, List.of());

        HandshakeCounts tls = identity.handshakes();
        counter(registry, "openmargo.wfm.tls.connections",
                "TLS connections accepted by the device API listener (one TLS engine each)", tls,
                HandshakeCounts::connectionsTotal, List.of());
        String handshakes = "Full TLS handshakes of the device API by client certificate verdict; connections "
                + "that reach a request without one resumed a session";
        counter(registry, "openmargo.wfm.tls.handshakes", handshakes, tls, HandshakeCounts::verifiedTotal,
                List.of(Tag.create("client_certificate", "accepted")));
        counter(registry, "openmargo.wfm.tls.handshakes", handshakes, tls, HandshakeCounts::rejectedTotal,
                List.of(Tag.create("client_certificate", "rejected")));

        String pool = "Database pool connections by state";
        gauge(registry, "openmargo.wfm.db.pool.connections", pool, database,
                d -> d.pool().active(), List.of(Tag.create("state", "active")));
        gauge(registry, "openmargo.wfm.db.pool.connections", pool, database, d -> d.pool().idle(),
                List.of(Tag.create("state", "idle")));
        gauge(registry, "openmargo.wfm.db.pool.pending.threads",
                "Threads waiting for a database connection (the pool is saturated)", database,
                d -> d.pool().waiting(), List.of());
        gauge(registry, "openmargo.wfm.db.pool.max.connections", "Size limit of the database pool", database,
                d -> d.pool().max(), List.of());
        Timer transactions = registry.getOrCreate(Timer.builder("openmargo.wfm.db.transaction.duration")
                .description("Duration of database transactions (changes; reads run in auto-commit)")
                .baseUnit(Meter.BaseUnits.SECONDS)
                .percentiles(new double[0]) // a histogram only: quantiles computed here cannot be aggregated
                .buckets(TRANSACTION_BUCKETS));
        database.timeTransactions(nanos -> transactions.record(nanos, TimeUnit.NANOSECONDS));

        for (LastSeen.Age age : LastSeen.Age.values()) {
            gauge(registry, "openmargo.wfm.clients.last.seen",
                    "Clients by time since their last authenticated device API request to this instance "
                            + "(recomputed every wfm.observe.last-seen-refresh)", lastSeen, s -> s.count(age),
                    List.of(Tag.create("age", age.label)));
        }

        gauge(registry, "openmargo.wfm.svid.expiry.seconds", "Seconds until the WFM's own SVID expires", identity,
                id -> id.ownSvid().getFirst().getNotAfter().getTime() / 1000.0 - clock.millis() / 1000.0,
                List.of());
        gauge(registry, "openmargo.wfm.trust.bundle.age.seconds",
                "Seconds since the trust bundle file was last read successfully", identity,
                id -> (clock.millis() - id.trust().confirmedAt().toEpochMilli()) / 1000.0, List.of());
        gauge(registry, "openmargo.wfm.trust.bundle.anchors", "Trust anchors in the bundle in use", identity,
                id -> id.trust().anchors(), List.of());
        mis.ifPresent(m -> {
            renewals(registry, "wfm_svid", m.wfmSvidRenewals());
            renewals(registry, "mis_tls", m.misTlsRenewals());
        });
    }

    private static void renewals(MeterRegistry registry, String credential, RenewalCounts counts) {
        String description = "Automatic renewals of the WFM's own credentials by outcome";
        counter(registry, "openmargo.wfm.credential.renewals", description, counts, RenewalCounts::succeededTotal,
                List.of(Tag.create("credential", credential), Tag.create("outcome", "success")));
        counter(registry, "openmargo.wfm.credential.renewals", description, counts, RenewalCounts::failedTotal,
                List.of(Tag.create("credential", credential), Tag.create("outcome", "failure")));
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source,
                                    Function<T, Long> value, List<Tag> tags) {
        registry.getOrCreate(FunctionalCounter.builder(name, source, value).tags(tags).description(description));
    }

    private static <T> void gauge(MeterRegistry registry, String name, String description, T source,
                                  ToDoubleFunction<T> value, List<Tag> tags) {
        registry.getOrCreate(Gauge.builder(name, source, value).tags(tags).description(description));
    }
}
