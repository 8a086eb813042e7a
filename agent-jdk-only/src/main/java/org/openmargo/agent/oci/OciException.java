package org.openmargo.agent.oci;

import java.util.Objects;

/**
 * A registry exchange that did not yield verified content. The code is stable and reported to the WFM.
 * <ul>
 *   <li>{@code OCI_UNREACHABLE}: connection refused, TLS failure, timeout</li>
 *   <li>{@code OCI_NOT_FOUND}: the registry answered 404 for the tag or blob</li>
 *   <li>{@code OCI_UNAUTHORIZED}: 401/403 after authenticating, or a challenge the client cannot answer</li>
 *   <li>{@code OCI_REFUSED}: any other unexpected status, or a redirect the client will not follow</li>
 *   <li>{@code OCI_INVALID}: a body that is too large, not a manifest, of the wrong media type, or whose digest or
 *       size does not match what was asked for</li>
 * </ul>
 */
public final class OciException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public OciException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public OciException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code, for example {@code OCI_INVALID}. */
    public String code() {
        return code;
    }
}
