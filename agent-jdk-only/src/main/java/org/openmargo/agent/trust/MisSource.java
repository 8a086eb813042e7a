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
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;

/**
 * Fetches the bundle from the MIS over plain HTTPS (spec b.1): the discovery document {@code /.well-known/margo} when
 * configured (falling back to the configured bundle URI when it is absent, 404), then the bundle with
 * {@code If-None-Match}. Server authentication is normal PKIX plus host name check, anchored either on the pinned CA
 * fingerprints ({@link PinnedTrustManager}) or, with no pins, on the JDK's default trust store. The same trust covers
 * the discovery and the bundle origin. Not thread safe; {@link TrustStore} serialises refreshes.
 */
final class MisSource implements BundleSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_BYTES = 1 << 20;

    private final Optional<URI> discovery;
    private final Optional<URI> configuredBundle;
    private final Optional<String> trustDomain;
    private final HttpClient http;
    private String etag;
    private URI etagFor;

    MisSource(Optional<URI> discovery, Optional<URI> bundle, List<String> pins, Optional<String> trustDomain) {
        this.discovery = discovery;
        this.configuredBundle = bundle;
        this.trustDomain = trustDomain;
        discovery.ifPresent(uri -> requireHttps(uri, "discovery URI"));
        bundle.ifPresent(uri -> requireHttps(uri, "bundle URI"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).sslContext(tls(pins)).build();
    }

    @Override
    public Optional<byte[]> fetch() throws IOException {
        URI bundle = discovery.isPresent() ? discover(discovery.get()) : configuredBundle.orElseThrow();
        HttpRequest.Builder request = HttpRequest.newBuilder(bundle).timeout(TIMEOUT).GET();
        if (etag != null && bundle.equals(etagFor)) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = get(request.build());
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException(bundle + " answered " + response.statusCode());
        }
        etag = response.headers().firstValue("ETag").orElse(null);
        etagFor = bundle;
        return Optional.of(response.body());
    }

    @Override
    public String describe() {
        return discovery.or(() -> configuredBundle).map(URI::toString).orElse("no MIS");
    }

    private URI discover(URI uri) throws IOException {
        HttpResponse<byte[]> response = get(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
        if (response.statusCode() == 404 && configuredBundle.isPresent()) {
            return configuredBundle.get();
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        JsonObject document;
        try {
            if (!(Json.parse(response.body()) instanceof JsonObject object)) {
                throw new IllegalArgumentException("discovery document " + uri + " is not a JSON object");
            }
            document = object;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("discovery document " + uri + " is not JSON: " + e.getMessage(), e);
        }
        String domain = document.string("trustDomain").orElseThrow(() -> new IllegalArgumentException(
                "discovery document " + uri + " has no trustDomain"));
        if (trustDomain.isPresent() && !trustDomain.get().equals(domain)) {
            throw new IllegalArgumentException("discovery document names trust domain '" + domain
                    + "' but the agent's SVID is in '" + trustDomain.get() + "' (configuration error)");
        }
        URI bundle = document.string("trustBundleUri").map(URI::create).orElseThrow(
                () -> new IllegalArgumentException("discovery document " + uri + " has no trustBundleUri"));
        return requireHttps(bundle, "trustBundleUri");
    }

    private HttpResponse<byte[]> get(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.body().length > MAX_BYTES) {
                throw new IOException(request.uri() + " sent more than " + MAX_BYTES + " bytes");
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + request.uri(), e);
        }
    }

    private static URI requireHttps(URI uri, String what) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
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
