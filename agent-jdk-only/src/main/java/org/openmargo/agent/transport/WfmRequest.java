package org.openmargo.agent.transport;

import java.util.Map;
import java.util.Objects;

/**
 * One request to the WFM.
 *
 * @param method  the HTTP method, for example {@code GET}
 * @param path    the path and query below the WFM base URI; starts with {@code /}, for example
 *                {@code /api/v1/deployments}
 * @param headers request headers (copied); restricted headers such as {@code Host}, {@code Connection} or
 *                {@code Content-Length} are refused by {@link java.net.http.HttpClient}
 * @param body    the body to send; empty for none. The array is not copied: do not modify it afterwards
 */
public record WfmRequest(String method, String path, Map<String, String> headers, byte[] body) {
    private static final byte[] NONE = new byte[0];

    public WfmRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must start with a single '/': " + path);
        }
        headers = Map.copyOf(headers);
        body = body == null ? NONE : body;
    }

    /** A body-less GET of {@code path}. */
    public static WfmRequest get(String path, Map<String, String> headers) {
        return new WfmRequest("GET", path, headers, NONE);
    }
}
