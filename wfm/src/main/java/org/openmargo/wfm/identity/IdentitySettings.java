package org.openmargo.wfm.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the WFM's identity layer is configured with (spec b.1).
 *
 * @param trustDomain          this WFM's trust domain: lowercase {@code a-z 0-9 . - _}, as in its SPIFFE ID
 * @param wfmId                this WFM's wfm-id: a segment of RFC 3986 unreserved characters, not {@code .} or
 *                             {@code ..}
 * @param trustBundle          SPIFFE bundle JSON or PEM file with the trust anchors; re-read when it changes
 * @param tls12Enabled         whether TLS 1.2 is accepted as a fallback beside TLS 1.3 (spec: MAY, off by default;
 *                             TLS 1.2 exposes the client SVID in cleartext)
 * @param sessionLifetime      how long a TLS session may be resumed, 1 s to 24 h. Keep it far below SVID lifetimes:
 *                             a resumed session skips the handshake check, and only the per-request
 *                             {@link CallerAuthenticator} then stands between an expired SVID and the API
 * @param bundleReloadInterval how often the trust bundle file is checked and the accepted-client policy refreshed
 * @param acceptNamespace      whether a client the registry does not name is accepted (the operator trusts the MIS)
 */
public record IdentitySettings(String trustDomain,
                               String wfmId,
                               Path trustBundle,
                               boolean tls12Enabled,
                               Duration sessionLifetime,
                               Duration bundleReloadInterval,
                               boolean acceptNamespace) {
    private static final Duration MIN_SESSION = Duration.ofSeconds(1);
    private static final Duration MAX_SESSION = Duration.ofHours(24);

    /**
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public IdentitySettings {
        Objects.requireNonNull(trustBundle, "trust-bundle");
        Objects.requireNonNull(sessionLifetime, "session-lifetime");
        Objects.requireNonNull(bundleReloadInterval, "bundle-reload-interval");
        if (!SpiffeId.isTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("trust-domain '" + trustDomain
                    + "' must be 1-255 of lowercase letters, digits, '.', '-' and '_'");
        }
        if (!SpiffeId.isSegment(wfmId)) {
            throw new IllegalArgumentException("wfm-id '" + wfmId
                    + "' must be non-empty, only A-Z a-z 0-9 - . _ ~, and not '.' or '..'");
        }
        if (sessionLifetime.compareTo(MIN_SESSION) < 0 || sessionLifetime.compareTo(MAX_SESSION) > 0) {
            throw new IllegalArgumentException("session-lifetime " + sessionLifetime + " must be between 1s and 24h");
        }
        if (bundleReloadInterval.isNegative() || bundleReloadInterval.isZero()) {
            throw new IllegalArgumentException("bundle-reload-interval must be positive: " + bundleReloadInterval);
        }
    }
}
