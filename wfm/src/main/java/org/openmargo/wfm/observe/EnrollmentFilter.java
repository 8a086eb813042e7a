package org.openmargo.wfm.observe;

import java.util.List;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.openmargo.wfm.httpcommon.ErrorMapping;
import org.openmargo.wfm.identityservice.PublicPaths;

/**
 * Counts enrollments on the identity service listener by outcome: {@code issued} (201), {@code refused} (403, an
 * unusable token), {@code rejected} (any other 4xx: a bad body or CSR) and {@code failed} (5xx).
 */
final class EnrollmentFilter implements Filter {
    private final Counter issued;
    private final Counter refused;
    private final Counter rejected;
    private final Counter failed;

    EnrollmentFilter(MeterRegistry registry) {
        issued = counter(registry, "issued");
        refused = counter(registry, "refused");
        rejected = counter(registry, "rejected");
        failed = counter(registry, "failed");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.path().rawPath().equals(PublicPaths.ENROLL)) {
            chain.proceed();
            return;
        }
        int status = 500;
        try {
            chain.proceed();
            status = res.status().code();
        } catch (RuntimeException | Error e) {
            status = ErrorMapping.status(e);
            throw e;
        } finally {
            outcome(status).increment();
        }
    }

    private Counter outcome(int status) {
        if (status == 201) {
            return issued;
        }
        if (status == 403) {
            return refused;
        }
        return status < 500 ? rejected : failed;
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return registry.getOrCreate(Counter.builder("openmargo.wfm.enrollments")
                .description("Enrollments with a one-time token by outcome: issued, refused (unusable token), "
                        + "rejected (bad request or CSR), failed (server side)")
                .tags(List.of(Tag.create("outcome", outcome))));
    }
}
