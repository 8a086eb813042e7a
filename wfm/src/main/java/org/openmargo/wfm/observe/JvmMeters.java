package org.openmargo.wfm.observe;

import io.helidon.metrics.api.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * JVM and process meters (memory, GC, threads, classes, CPU, open files, uptime) from Micrometer's own binders, bound
 * to the registry under Helidon's API; GC from {@link GcMeters} instead (Micrometer's binder deadlocks with Helidon's
 * registry lock). Helidon's system meters module is not used: it applies only to the global
 * registry (each WFM has its own, several run in one test JVM) and names its meters in camelCase
 * ({@code memory_usedHeap_bytes}), which Prometheus conventions and promtool reject.
 */
final class JvmMeters {
    private JvmMeters() {
    }

    /**
     * CPU as Prometheus names it ({@code process_cpu_seconds_total}): Micrometer's ProcessorMetrics names it
     * {@code process_cpu_time_ns_total} and {@code system_cpu_count}, which promtool rejects.
     */
    private static void cpu(io.micrometer.core.instrument.MeterRegistry micrometer) {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the WFM process")
                    .register(micrometer);
            Gauge.builder("process.cpu.usage", os, com.sun.management.OperatingSystemMXBean::getProcessCpuLoad)
                    .description("Recent CPU usage of the WFM process, 0 to 1 of all processors")
                    .register(micrometer);
            Gauge.builder("system.cpu.usage", os, com.sun.management.OperatingSystemMXBean::getCpuLoad)
                    .description("Recent CPU usage of the whole system, 0 to 1")
                    .register(micrometer);
        }
        Gauge.builder("system.load.average.1m", java.lang.management.ManagementFactory.getOperatingSystemMXBean(),
                        java.lang.management.OperatingSystemMXBean::getSystemLoadAverage)
                .description("System load average over the last minute")
                .register(micrometer);
    }

    /**
     * Binds the meters to {@code registry}.
     *
     * @return what must be closed BEFORE the registry: the GC meters listen to the JVM's GC notifications, which
     *         must not reach a closed registry
     */
    static AutoCloseable bind(MeterRegistry registry) {
        io.micrometer.core.instrument.MeterRegistry micrometer =
                registry.unwrap(io.micrometer.core.instrument.MeterRegistry.class);
        new JvmMemoryMetrics().bindTo(micrometer);
        new JvmThreadMetrics().bindTo(micrometer);
        new ClassLoaderMetrics().bindTo(micrometer);
        cpu(micrometer);
        new FileDescriptorMetrics().bindTo(micrometer);
        new UptimeMetrics().bindTo(micrometer);
        // Last: the binders above register through Micrometer (its lock, then Helidon's), the GC listener through
        // Helidon (Helidon's, then Micrometer's); they must never run at the same time.
        return GcMeters.bind(registry);
    }
}
