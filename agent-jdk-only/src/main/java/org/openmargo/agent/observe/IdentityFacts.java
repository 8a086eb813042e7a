package org.openmargo.agent.observe;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's credentials as monitoring sees them.
 *
 * @param svidNotAfter           when the SVID in use expires; empty when unknown
 * @param trustBundleRefreshedAt when the trust source last confirmed the bundle in force (a refresh that found it new
 *                               or unchanged) during this run; empty before the first such refresh
 */
public record IdentityFacts(Optional<Instant> svidNotAfter, Optional<Instant> trustBundleRefreshedAt) {
    public IdentityFacts {
        Objects.requireNonNull(svidNotAfter, "svidNotAfter");
        Objects.requireNonNull(trustBundleRefreshedAt, "trustBundleRefreshedAt");
    }

    /** Nothing known (a cycle assembled without the identity steps, as in some tests). */
    public static IdentityFacts unknown() {
        return new IdentityFacts(Optional.empty(), Optional.empty());
    }
}
