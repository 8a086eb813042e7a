package org.openmargo.wfm.observe;

/**
 * The endpoints of the device API listener, as metric label values and route templates: a bounded set whatever path
 * a client sends (Margo Management API 1.0.0-rc.3, section a, and the OpenMargo renewal extension).
 */
public enum DeviceEndpoint {
    CAPABILITIES("capabilities", "/api/v1/capabilities/{deviceId}"),
    MANIFEST("manifest", "/api/v1/deployments"),
    DEPLOYMENT("deployment", "/api/v1/deployments/{deploymentId}/{digest}"),
    STATUS("status", "/api/v1/deployments/{deploymentId}/status"),
    BUNDLE("bundle", "/api/v1/bundles/{digest}"),
    RENEW("renew", "/x-openmargo/identity/v1/renew"),
    OTHER("other", "(no route)");

    private static final String CAPABILITIES_PREFIX = "/api/v1/capabilities/";
    private static final String DEPLOYMENTS = "/api/v1/deployments";
    private static final String BUNDLES_PREFIX = "/api/v1/bundles/";

    private final String label;
    private final String template;

    DeviceEndpoint(String label, String template) {
        this.label = label;
        this.template = template;
    }

    /** The value of the {@code endpoint} label. */
    public String label() {
        return label;
    }

    /** The route template, for logs. */
    public String template() {
        return template;
    }

    /** The endpoint a raw request path belongs to, by the same prefixes the routes use; allocates nothing. */
    public static DeviceEndpoint of(String rawPath) {
        if (rawPath.startsWith(CAPABILITIES_PREFIX)) {
            return CAPABILITIES;
        }
        if (rawPath.startsWith(DEPLOYMENTS)) {
            if (rawPath.length() == DEPLOYMENTS.length()) {
                return MANIFEST;
            }
            if (rawPath.charAt(DEPLOYMENTS.length()) != '/') {
                return OTHER;
            }
            return rawPath.endsWith("/status") ? STATUS : DEPLOYMENT;
        }
        if (rawPath.startsWith(BUNDLES_PREFIX)) {
            return BUNDLE;
        }
        if (rawPath.equals("/x-openmargo/identity/v1/renew")) {
            return RENEW;
        }
        return OTHER;
    }
}
