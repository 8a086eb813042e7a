package org.openmargo.wfm.observe;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.spi.Observer;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identityservice.BuiltInMis;
import org.openmargo.wfm.status.StatusStore;
import org.openmargo.wfm.store.Database;

/**
 * The WFM's observability (docs/observability.md): Helidon's health and metrics observers on a listener of their own
 * ({@value #SOCKET}, plain HTTP, loopback by default, never the device API listener), the readiness checks, the
 * meters and what feeds them, and the device API request log.
 *
 * <p>Use: {@link #create}, wrap the status store with {@link #statuses}, put {@link #deviceRequests()} first on the
 * device API routing and {@link #enrollments()} on the identity service's, then {@link #addListener} to the server
 * and {@link #start} once it runs. With {@code wfm.observe.metrics.enabled=false} no meter exists and the device API
 * filter only feeds the request log. Thread safe.
 */
public final class Observability {
    /** The name of the observability listener's socket. */
    public static final String SOCKET = "observe";

    private final WfmSettings.Observe settings;
    private final Optional<MeterRegistry> registry;
    private final Optional<LastSeen> lastSeen;
    private final DeviceRequestFilter deviceRequests;
    private final List<Observer> observers;
    private final Optional<AutoCloseable> gcListener;

    private Observability(WfmSettings.Observe settings, Optional<MeterRegistry> registry,
                          Optional<AutoCloseable> gcListener, Optional<LastSeen> lastSeen,
                          DeviceRequestFilter deviceRequests, List<Observer> observers) {
        this.settings = settings;
        this.gcListener = gcListener;
        this.registry = registry;
        this.lastSeen = lastSeen;
        this.deviceRequests = deviceRequests;
        this.observers = observers;
    }

    /**
     * Creates the meters over the running parts of the WFM (nothing is read until a scrape) and the health checks.
     *
     * @param mis the built-in identity service, when it runs
     */
    public static Observability create(WfmSettings settings, Database database, Identity identity,
                                       Optional<BuiltInMis> mis, ManifestCache manifests,
                                       org.openmargo.wfm.rollout.RolloutGauges rollouts, Clock clock) {
        WfmSettings.Observe s = settings.observe();
        RequestLog log = new RequestLog(settings.log().requestSampleRate());
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .useSystemServices(false)
                .addCheck(new DatabaseCheck(database, s.databaseTimeout()))
                .addCheck(new IdentityCheck(identity, mis, clock))
                .addCheck(new TrustBundleCheck(identity, s.trustBundleMaxAge(), clock))
                .build();
        if (!s.metricsEnabled()) {
            return new Observability(s, Optional.empty(), Optional.empty(), Optional.empty(),
                    new DeviceRequestFilter(Optional.empty(), Optional.empty(), log), List.of(health));
        }
        // One registry per WFM, on purpose (several run in one test JVM): Helidon would warn about each one after the
        // first.
        MeterRegistry registry = MetricsFactory.getInstance().createMeterRegistry(MetricsConfig.builder()
                .warnOnMultipleRegistries(false)
                .build());
        // Micrometer's default pause detector runs latency-compensation bookkeeping on every timer record: a cost on
        // the poll path for a correction a request latency histogram does not need.
        registry.unwrap(io.micrometer.core.instrument.MeterRegistry.class).config()
                .pauseDetector(new io.micrometer.core.instrument.distribution.pause.NoPauseDetector());
        LastSeen lastSeen = new LastSeen(clock::millis);
        WfmMeters.register(registry, database, identity, mis, manifests, lastSeen, clock);
        RolloutMeters.register(registry, rollouts);
        AutoCloseable gcListener = JvmMeters.bind(registry);
        MetricsObserver metrics = MetricsObserver.builder().meterRegistry(registry).build();
        return new Observability(s, Optional.of(registry), Optional.of(gcListener), Optional.of(lastSeen),
                new DeviceRequestFilter(Optional.of(new DeviceRequestMeters(registry)), Optional.of(lastSeen), log),
                List.of(health, metrics));
    }

    /** The status store to give the device API: counts reports by state when metrics are on. */
    public StatusStore statuses(StatusStore store) {
        return registry.<StatusStore>map(r -> new MeteredStatusStore(store, r)).orElse(store);
    }

    /** The device API's metrics and request log filter; register it before the API's own filters. */
    public Filter deviceRequests() {
        return deviceRequests;
    }

    /** The identity service listener's enrollment counter; empty when metrics are off. */
    public Optional<Filter> enrollments() {
        return registry.map(EnrollmentFilter::new);
    }

    /** The meter registry; empty when metrics are off. */
    public Optional<MeterRegistry> registry() {
        return registry;
    }

    /**
     * Adds the observability listener to the server, unless {@code wfm.observe.enabled} is false: Helidon's observe
     * feature on that socket only ({@code /observe/health}, {@code /observe/health/live}, {@code /observe/health/ready},
     * {@code /observe/metrics}), and {@code resources} beside it.
     *
     * @param bounds the connection bounds every listener gets (timeouts, connection cap)
     */
    public void addListener(WebServerConfig.Builder server, Consumer<ListenerConfig.Builder> bounds,
                            HttpService... resources) {
        if (!settings.enabled()) {
            return;
        }
        server.putSocket(SOCKET, socket -> {
            socket.host(settings.host())
                    .port(settings.port())
                    .routing(r -> r.register(resources));
            bounds.accept(socket);
        });
        server.addFeature(ObserveFeature.builder()
                .observersDiscoverServices(false)
                .observers(observers)
                .sockets(List.of(SOCKET))
                .build());
    }

    /** Starts the periodic recomputation of the clients-by-last-seen gauges; stops with the executor. */
    public void start(ScheduledExecutorService executor) {
        lastSeen.ifPresent(seen -> refresh(executor, seen));
    }

    private void refresh(ScheduledExecutorService executor, LastSeen seen) {
        try {
            seen.refresh();
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(Observability.class.getName())
                    .log(java.util.logging.Level.WARNING, "last-seen refresh failed", e);
        }
        try {
            executor.schedule(() -> refresh(executor, seen), settings.lastSeenRefresh().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The executor shut down: that is how the refresh stops.
        }
    }

    /** Stops the GC notification listener, then closes the meter registry (in this order: see JvmMeters#bind). */
    public void close() {
        gcListener.ifPresent(l -> {
            try {
                l.close();
            } catch (Exception e) {
                java.util.logging.Logger.getLogger(Observability.class.getName())
                        .log(java.util.logging.Level.FINE, "closing the GC meters failed", e);
            }
        });
        registry.ifPresent(MeterRegistry::close);
    }
}
