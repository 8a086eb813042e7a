package org.openmargo.agent.trust;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Plain (server-authenticated) HTTPS to the MIS (spec b.1): normal PKIX plus host name check, anchored either on
 * pinned CA fingerprints ({@link PinnedTrustManager}) or, with no pins, on the JDK's default trust store. HTTP/1.1,
 * no redirects (a redirect could lead off the pinned origin), 30 s timeouts, bodies capped at 1 MiB. Thread safe.
 */
public final class MisClient {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_BYTES = 1 << 20;

    private final HttpClient http;

    /**
     * @param pins SHA-256 fingerprints (hex, colons allowed) of CA certificates the MIS must present; empty for the
     *             JDK's default trust store
     * @throws IllegalArgumentException if a pin is malformed
     */
    public MisClient(List<String> pins) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).sslContext(tls(pins)).build();
    }

    /** A GET of {@code uri}. */
    public HttpResponse<byte[]> get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    /** A POST of {@code body} as {@code contentType} to {@code uri}. */
    public HttpResponse<byte[]> post(URI uri, String contentType, byte[] body) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * Sends {@code request} and reads the whole body.
     *
     * @throws IOException on connection or TLS failures (a certificate the pins do not cover is one), or a body over
     *                     1 MiB
     */
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.body().length > MAX_BYTES) {
                throw new IOException(request.uri() + " sent more than " + MAX_BYTES + " bytes");
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + request.uri(), e);
        }
    }

    /**
     * Returns {@code uri} if it is https.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static URI requireHttps(URI uri, String what) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be https: " + uri);
        }
        return uri;
    }

    private static SSLContext tls(List<String> pins) {
        try {
            if (pins.isEmpty()) {
                return SSLContext.getDefault();
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrustManager(pins)}, new SecureRandom());
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
        }
    }
}
