package org.openmargo.wfm.observe;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identityservice.BuiltInMis;

/**
 * Readiness: the WFM's own SVID is valid for longer than its renewal margin (a sixth of its lifetime: renewal runs
 * at two thirds and retries while the SVID is valid, so reaching the last sixth means renewals have been failing for
 * a long while), and with the built-in identity service, the CA has trust anchors loaded.
 */
final class IdentityCheck implements HealthCheck {
    private final Identity identity;
    private final Optional<BuiltInMis> mis;
    private final Clock clock;

    IdentityCheck(Identity identity, Optional<BuiltInMis> mis, Clock clock) {
        this.identity = identity;
        this.mis = mis;
        this.clock = clock;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public HealthCheckResponse call() {
        X509Certificate leaf = identity.ownSvid().getFirst();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        Duration margin = Duration.between(notBefore, notAfter).dividedBy(6);
        Instant now = clock.instant();
        boolean svidFresh = now.plus(margin).isBefore(notAfter) && !now.isBefore(notBefore);
        int anchors = mis.map(m -> m.service().ca().anchors().size()).orElse(-1);
        HealthCheckResponse.Builder answer = HealthCheckResponse.builder()
                .status(svidFresh && anchors != 0)
                .detail("svidNotAfter", notAfter.toString())
                .detail("svidRenewalMargin", margin.toString());
        if (anchors >= 0) {
            answer.detail("caAnchors", anchors);
        }
        return answer.build();
    }
}
