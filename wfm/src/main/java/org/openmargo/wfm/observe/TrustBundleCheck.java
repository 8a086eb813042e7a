package org.openmargo.wfm.observe;

import java.time.Clock;
import java.time.Duration;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.openmargo.wfm.identity.Identity;

/**
 * Readiness: the trust bundle holds at least one anchor and its file was read successfully within
 * {@code wfm.observe.trust-bundle-max-age} (it is re-read every {@code wfm.identity.reload-interval}; a file that
 * stays unreadable or invalid leaves the WFM on an ever older bundle).
 */
final class TrustBundleCheck implements HealthCheck {
    private final Identity identity;
    private final Duration maxAge;
    private final Clock clock;

    TrustBundleCheck(Identity identity, Duration maxAge, Clock clock) {
        this.identity = identity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "trust-bundle";
    }

    @Override
    public HealthCheckResponse call() {
        Identity.TrustState trust = identity.trust();
        Duration age = Duration.between(trust.confirmedAt(), clock.instant());
        return HealthCheckResponse.builder()
                .status(trust.anchors() > 0 && age.compareTo(maxAge) <= 0)
                .detail("anchors", trust.anchors())
                .detail("confirmedAt", trust.confirmedAt().toString())
                .detail("maxAge", maxAge.toString())
                .build();
    }
}
