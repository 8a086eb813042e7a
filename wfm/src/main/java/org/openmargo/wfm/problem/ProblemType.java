package org.openmargo.wfm.problem;

import java.net.URI;

/**
 * The closed set of error answers the WFM gives, each with its HTTP status and RFC 9457 problem type.
 *
 * <p>Margo types use the registry namespace of the spec (section h). Where no Margo type applies the type is
 * {@code about:blank} and the title is the HTTP reason phrase, as RFC 9457 requires. OpenMargo extensions (enrollment,
 * renewal) have their own types under {@link #OPENMARGO_NAMESPACE}.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "Invalid Request"),
    NOT_AUTHORIZED(403, "not-authorized", "Not Authorized"),
    GATEWAY_NOT_FOUND(404, "gateway-not-found", "Gateway Not Found"),
    DEVICE_NOT_FOUND(404, "device-not-found", "Device Not Found"),
    INVALID_BUNDLE(404, "invalid-bundle", "Invalid Bundle"),
    DEPLOYMENT_NOT_FOUND(404, "deployment-not-found", "Deployment Not Found"),
    SERVER_CANNOT_GENERATE_RESPONSE(406, "server-cannot-generate-response", "Server Cannot Generate Response"),
    SEMANTIC_ERROR(422, "semantic-error", "Semantic Error"),
    ENROLLMENT_TOKEN_REFUSED(403, "openmargo:enrollment-token-refused", "Enrollment Token Refused"),
    CSR_REJECTED(422, "openmargo:csr-rejected", "CSR Rejected"),
    BAD_REQUEST(400, null, "Bad Request"),
    UNAUTHORIZED(401, null, "Unauthorized"),
    NOT_FOUND(404, null, "Not Found"),
    METHOD_NOT_ALLOWED(405, null, "Method Not Allowed"),
    CONFLICT(409, null, "Conflict"),
    CONTENT_TOO_LARGE(413, null, "Content Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, null, "Unsupported Media Type"),
    TOO_MANY_REQUESTS(429, null, "Too Many Requests"),
    INTERNAL_ERROR(500, null, "Internal Server Error"),
    SERVICE_UNAVAILABLE(503, null, "Service Unavailable");

    /** The namespace the Margo problem type registry reserves (spec section h). */
    public static final String MARGO_NAMESPACE = "https://docs.margo.org/specification/problem-types";

    /** The namespace of OpenMargo's own problem types (extensions beyond the Margo API). */
    public static final String OPENMARGO_NAMESPACE = "https://openmargo.org/problems/";
    private static final String OPENMARGO_PREFIX = "openmargo:";

    private final int status;
    private final String fragment;
    private final String title;

    ProblemType(int status, String fragment, String title) {
        this.status = status;
        this.fragment = fragment;
        this.title = title;
    }

    /** HTTP status code of this problem. */
    public int status() {
        return status;
    }

    /** Human-readable summary, stable for a given type. */
    public String title() {
        return title;
    }

    /**
     * The {@code type} member: a Margo registry URI, an OpenMargo extension URI, or {@code about:blank} for generic
     * HTTP errors.
     */
    public URI uri() {
        if (fragment == null) {
            return URI.create("about:blank");
        }
        if (fragment.startsWith(OPENMARGO_PREFIX)) {
            return URI.create(OPENMARGO_NAMESPACE + fragment.substring(OPENMARGO_PREFIX.length()));
        }
        return URI.create(MARGO_NAMESPACE + "#" + fragment);
    }

    /** Whether a client may retry the same request later (spec section g retry table). */
    public boolean retryable() {
        return status == 429 || status == 503 || status == 500;
    }
}
