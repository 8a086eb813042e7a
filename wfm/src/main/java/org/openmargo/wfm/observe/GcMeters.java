package org.openmargo.wfm.observe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * Garbage collections as Prometheus meters, with the names and tags of Micrometer's {@code JvmGcMetrics}:
 * {@code jvm_gc_pause_seconds} (stop-the-world pauses) and {@code jvm_gc_concurrent_phase_time_seconds} (concurrent
 * cycles), tagged {@code gc}, {@code action} and {@code cause}.
 *
 * <p>Why not {@code JvmGcMetrics}: it creates its timers from the JVM's notification thread through Micrometer's
 * registry, which takes Micrometer's meter lock and then, in Helidon's callback, Helidon's registry lock; every meter
 * the WFM creates through Helidon's API takes them in the other order. A collection with a new action or cause while
 * another thread created a meter deadlocked both (seen at start in a test JVM: the WFM never came up). This listener
 * creates its timers through Helidon's API, in Helidon's order.
 */
final class GcMeters implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GcMeters.class.getName());

    private final MeterRegistry registry;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    private GcMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Listens to every collector's notifications until {@link #close()}; close it before the registry. */
    static GcMeters bind(MeterRegistry registry) {
        GcMeters meters = new GcMeters(registry);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(meters.listener, n -> GarbageCollectionNotificationInfo
                        .GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
                meters.emitters.add(emitter);
            }
        }
        return meters;
    }

    private void collected(Notification notification, Object handback) {
        try {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            boolean concurrent = concurrent(info);
            registry.getOrCreate(Timer.builder(concurrent ? "jvm.gc.concurrent.phase.time" : "jvm.gc.pause")
                            .description(concurrent ? "Time spent in concurrent phases of garbage collection"
                                    : "Time spent in garbage collection pauses")
                            .baseUnit(io.helidon.metrics.api.Meter.BaseUnits.SECONDS)
                            .tags(List.of(Tag.create("gc", info.getGcName()), Tag.create("action", info.getGcAction()),
                                    Tag.create("cause", info.getGcCause()))))
                    .record(Duration.ofMillis(info.getGcInfo().getDuration()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a garbage collection notification was not recorded", e);
        }
    }

    /** The collectors that work beside the application (their notifications are not pauses), as Micrometer says. */
    private static boolean concurrent(GarbageCollectionNotificationInfo info) {
        String gc = info.getGcName();
        return "No GC".equals(info.getGcCause()) || gc.endsWith("Cycles") || gc.contains("Concurrent");
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
        emitters.clear();
    }
}
