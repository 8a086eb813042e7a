package org.openmargo.spectests;

import java.net.URI;

/**
 * The identity service's public HTTPS endpoints as a device reaches them before it can validate SVIDs (Trust Bundle
 * API rc.3): the discovery document's URL, and an HTTP client that presents no client certificate and trusts the
 * endpoint only through the configured anchors or pins ({@link MisTrust}) with the host name check.
 *
 * @param discovery an absolute {@code https} URL (anything else would let the checks run without TLS)
 */
record Mis(URI discovery, Device http) {
    Mis {
        if (!discovery.isAbsolute() || !"https".equalsIgnoreCase(discovery.getScheme())
                || discovery.getHost() == null) {
            throw new IllegalArgumentException("the discovery URL must be an absolute https URL: " + discovery);
        }
    }
}
