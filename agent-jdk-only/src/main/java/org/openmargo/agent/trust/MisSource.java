package org.openmargo.agent.trust;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the bundle from the MIS over plain HTTPS (spec b.1): the discovery document {@code /.well-known/margo} when
 * configured (falling back to the configured bundle URI when it is absent, 404), then the bundle with
 * {@code If-None-Match}. Server authentication is {@link MisClient}'s (pins or the JDK's trust store, plus host name
 * check); the same trust covers the discovery and the bundle origin. Not thread safe; {@link TrustStore} serialises
 * refreshes.
 */
final class MisSource implements BundleSource {
    private final Optional<URI> discovery;
    private final Optional<URI> configuredBundle;
    private final Optional<String> trustDomain;
    private final MisClient http;
    private String etag;
    private URI etagFor;

    MisSource(Optional<URI> discovery, Optional<URI> bundle, List<String> pins, Optional<String> trustDomain) {
        this.discovery = discovery;
        this.configuredBundle = bundle;
        this.trustDomain = trustDomain;
        discovery.ifPresent(uri -> MisClient.requireHttps(uri, "discovery URI"));
        bundle.ifPresent(uri -> MisClient.requireHttps(uri, "bundle URI"));
        this.http = new MisClient(pins);
    }

    @Override
    public Optional<byte[]> fetch() throws IOException {
        URI bundle = discovery.isPresent() ? discover(discovery.get()) : configuredBundle.orElseThrow();
        HttpRequest.Builder request = HttpRequest.newBuilder(bundle).timeout(MisClient.TIMEOUT).GET();
        if (etag != null && bundle.equals(etagFor)) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = http.send(request.build());
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
        HttpResponse<byte[]> response = http.get(uri);
        if (response.statusCode() == 404 && configuredBundle.isPresent()) {
            return configuredBundle.get();
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        Discovery document = Discovery.parse(uri, response.body());
        if (trustDomain.isPresent() && !trustDomain.get().equals(document.trustDomain())) {
            throw new IllegalArgumentException("discovery document names trust domain '" + document.trustDomain()
                    + "' but the agent's SVID is in '" + trustDomain.get() + "' (configuration error)");
        }
        return document.trustBundleUri();
    }
}
