package org.openmargo.wfm.identityservice;

/**
 * The paths of the identity service's public documents and endpoints on its listener. They live here, not in the
 * HTTP layer, because the discovery document this service publishes names them.
 */
public final class PublicPaths {
    /** The discovery document. */
    public static final String DISCOVERY = "/.well-known/margo";
    /** The SPIFFE trust bundle. */
    public static final String BUNDLE = "/.well-known/spiffe/bundle.json";
    /** Device enrollment with a one-time token (an OpenMargo extension). */
    public static final String ENROLL = "/x-openmargo/enrollment/v1/enroll";

    private PublicPaths() {
    }
}
