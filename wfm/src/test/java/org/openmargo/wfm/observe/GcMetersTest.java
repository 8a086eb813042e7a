package org.openmargo.wfm.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.metrics.api.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GcMetersTest {
    private final MeterRegistry registry = MetricsFactory.getInstance().createMeterRegistry(MetricsConfig.builder()
            .warnOnMultipleRegistries(false).build());

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aCollection_isRecordedWithItsCollectorActionAndCause_untilClosed() throws Exception {
        long recorded;
        try (GcMeters ignored = GcMeters.bind(registry)) {
            System.gc();
            recorded = awaitSystemGcCount(1);
            assertThat(recorded).isPositive();
        }
        System.gc();
        Thread.sleep(500); // notifications are delivered on the JVM's own thread
        assertThat(systemGcCount()).as("no longer listening").isEqualTo(recorded);
    }

    private long awaitSystemGcCount(long atLeast) throws InterruptedException {
        for (int i = 0; i < 100 && systemGcCount() < atLeast; i++) {
            Thread.sleep(50);
        }
        return systemGcCount();
    }

    /** Collections caused by System.gc(), over every collector and action, pauses and concurrent phases alike. */
    private long systemGcCount() {
        return registry.meters().stream()
                .filter(m -> m instanceof Timer)
                .filter(m -> m.id().name().startsWith("jvm.gc."))
                .filter(m -> "System.gc()".equals(m.id().tagsMap().get("cause")))
                .mapToLong(m -> ((Timer) m).count())
                .sum();
    }
}
