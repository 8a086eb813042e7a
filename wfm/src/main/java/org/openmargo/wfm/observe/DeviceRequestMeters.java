package org.openmargo.wfm.observe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The device API's request meters, all resolved when the server starts, so that recording a request is array
 * indexing and a few atomic additions: no meter lookup, no tag objects, no allocation on the poll path.
 */
final class DeviceRequestMeters {
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    /** Latency buckets: a 304 poll takes well under a millisecond, a status write a few, an outage seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Counter[][] requests;
    private final Timer[] durations;
    private final Counter manifestFull;
    private final Counter manifestNotModified;
    private final Counter capabilitiesCreated;
    private final Counter capabilitiesUpdated;
    private final Counter capabilitiesRejected;
    private final Counter renewalsIssued;
    private final Counter renewalsRefused;
    private final Counter renewalsRejected;
    private final Counter renewalsFailed;

    DeviceRequestMeters(MeterRegistry registry) {
        DeviceEndpoint[] endpoints = DeviceEndpoint.values();
        requests = new Counter[endpoints.length][CLASSES.length];
        durations = new Timer[endpoints.length];
        for (DeviceEndpoint e : endpoints) {
            for (int c = 0; c < CLASSES.length; c++) {
                requests[e.ordinal()][c] = registry.getOrCreate(Counter.builder("openmargo.wfm.device.requests")
                        .description("Device API requests answered, by endpoint (route, never the raw path) and "
                                + "status class")
                        .tags(List.of(Tag.create("endpoint", e.label()), Tag.create("status_class", CLASSES[c]))));
            }
            durations[e.ordinal()] = registry.getOrCreate(Timer.builder("openmargo.wfm.device.request.duration")
                    .description("Time from the request reaching the routing to its answer, by endpoint")
                    .baseUnit(io.helidon.metrics.api.Meter.BaseUnits.SECONDS)
                    .percentiles(new double[0]) // a histogram only: quantiles computed here cannot be aggregated
                    .buckets(BUCKETS)
                    .tags(List.of(Tag.create("endpoint", e.label()))));
        }
        manifestFull = polls(registry, "full");
        manifestNotModified = polls(registry, "not_modified");
        capabilitiesCreated = capabilities(registry, "created");
        capabilitiesUpdated = capabilities(registry, "updated");
        capabilitiesRejected = capabilities(registry, "rejected");
        renewalsIssued = renewals(registry, "issued");
        renewalsRefused = renewals(registry, "refused");
        renewalsRejected = renewals(registry, "rejected");
        renewalsFailed = renewals(registry, "failed");
    }

    /** Records one answered request. */
    void record(DeviceEndpoint endpoint, int status, long nanos) {
        int statusClass = Math.clamp(status / 100 - 1, 0, CLASSES.length - 1);
        requests[endpoint.ordinal()][statusClass].increment();
        durations[endpoint.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        switch (endpoint) {
            case MANIFEST -> {
                if (status == 200) {
                    manifestFull.increment();
                } else if (status == 304) {
                    manifestNotModified.increment();
                }
            }
            case CAPABILITIES -> {
                if (status == 201) {
                    capabilitiesCreated.increment();
                } else if (status == 200) {
                    capabilitiesUpdated.increment();
                } else if (status == 400 || status == 413 || status == 415 || status == 422) {
                    capabilitiesRejected.increment();
                }
            }
            case RENEW -> renewal(status).increment();
            default -> {
            }
        }
    }

    private Counter renewal(int status) {
        if (status == 200) {
            return renewalsIssued;
        }
        if (status == 401 || status == 403) {
            return renewalsRefused;
        }
        return status < 500 ? renewalsRejected : renewalsFailed;
    }

    private static Counter polls(MeterRegistry registry, String answer) {
        return registry.getOrCreate(Counter.builder("openmargo.wfm.manifest.polls")
                .description("State Manifest polls answered with the manifest (full) or 304 (not_modified)")
                .tags(List.of(Tag.create("answer", answer))));
    }

    private static Counter capabilities(MeterRegistry registry, String outcome) {
        return registry.getOrCreate(Counter.builder("openmargo.wfm.capabilities.reports")
                .description("Capabilities reports (PUT) by outcome: created, updated, rejected (invalid body)")
                .tags(List.of(Tag.create("outcome", outcome))));
    }

    private static Counter renewals(MeterRegistry registry, String outcome) {
        return registry.getOrCreate(Counter.builder("openmargo.wfm.svid.renewals")
                .description("Device SVID renewals (OpenMargo extension) by outcome: issued, refused (not "
                        + "authorized), rejected (bad request or CSR), failed (server side)")
                .tags(List.of(Tag.create("outcome", outcome))));
    }
}
