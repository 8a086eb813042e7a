package org.openmargo.agent.oci;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;

/**
 * Reads manifests and blobs over the OCI Distribution API ({@code GET /v2/<name>/manifests/<tag>},
 * {@code GET /v2/<name>/blobs/<digest>}).
 *
 * <p>Verification: a manifest's bytes must match the {@code Docker-Content-Digest} the registry sends (when it sends
 * one), its media type must be an image manifest and it may be at most {@link #MAX_MANIFEST_BYTES}; a blob's bytes
 * must have exactly the size and digest its descriptor names. Nothing unverified is returned.
 *
 * <p>Authentication: every request first goes out with the authorization last obtained for that repository, or none.
 * On 401 the client answers the registry's {@code WWW-Authenticate} challenge once: {@code Basic} with the
 * configured credentials, {@code Bearer} by asking the named token service ({@code realm}, {@code service},
 * {@code scope}) for a token, sending the credentials as Basic when there are some, else anonymously.
 *
 * <p>Transport: HTTPS, except for the registries {@link OciSettings#insecureRegistries()} lists, which use plain HTTP.
 * Redirects (registries send blob downloads to storage hosts) are followed up to {@link #MAX_REDIRECTS} times, never
 * from HTTPS to HTTP (unless to an insecure-listed host), and the {@code Authorization} header is never sent to a host
 * other than the registry. Each exchange, body included, is bounded by {@link OciSettings#requestTimeout()}.
 *
 * <p>Thread-safe.
 */
public final class OciClient implements AutoCloseable {
    /** Largest manifest read, as the reference registry limits it. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    /** Redirects followed per request. */
    public static final int MAX_REDIRECTS = 5;
    static final int MAX_TOKEN_BYTES = 64 * 1024;
    private static final String ACCEPT = Manifest.OCI + ", " + Manifest.DOCKER;

    private final OciSettings settings;
    private final HttpClient http;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    OciClient(OciSettings settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** A client with its own {@link HttpClient} (redirects off: this class follows them itself). */
    public static OciClient create(OciSettings settings) {
        return new OciClient(settings, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout()).build());
    }

    /**
     * The image manifest {@code reference} names.
     *
     * @throws OciException see {@link OciException} for the codes
     */
    public Manifest manifest(OciReference reference) throws OciException {
        HttpResponse<byte[]> response = get(reference, "manifests/" + reference.tag(), ACCEPT, MAX_MANIFEST_BYTES);
        byte[] body = response.body();
        Optional<String> announced = response.headers().firstValue("Docker-Content-Digest");
        if (announced.isPresent()) {
            Digest expected;
            try {
                expected = Digest.parse(announced.get().strip());
            } catch (IllegalArgumentException e) {
                throw new OciException("OCI_INVALID", reference + ": Docker-Content-Digest " + e.getMessage());
            }
            if (!expected.matches(body)) {
                throw new OciException("OCI_INVALID", reference + ": manifest bytes have digest " + Digest.of(body)
                        + " but the registry announced " + expected);
            }
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        return Manifest.parse(body, contentType);
    }

    /**
     * The blob {@code descriptor} names, in the repository of {@code reference}, verified against the descriptor's
     * size and digest.
     *
     * @param maxBytes the largest blob the caller accepts; a descriptor announcing more is refused before fetching
     * @throws OciException see {@link OciException} for the codes
     */
    public byte[] blob(OciReference reference, Descriptor descriptor, long maxBytes) throws OciException {
        if (descriptor.size() > maxBytes) {
            throw new OciException("OCI_INVALID", reference + ": layer " + descriptor.digest() + " announces "
                    + descriptor.size() + " bytes, more than the " + maxBytes + " accepted");
        }
        byte[] body = get(reference, "blobs/" + descriptor.digest(), "*/*", descriptor.size()).body();
        if (body.length != descriptor.size() || !descriptor.digest().matches(body)) {
            throw new OciException("OCI_INVALID", reference + ": layer " + descriptor.digest() + " does not match "
                    + "its descriptor: got " + body.length + " bytes with digest " + Digest.of(body));
        }
        return body;
    }

    private HttpResponse<byte[]> get(OciReference reference, String path, String accept, long limit)
            throws OciException {
        String key = reference.registry() + "/" + reference.repository();
        URI uri = URI.create(scheme(reference.apiAuthority()) + "://" + reference.apiAuthority() + "/v2/"
                + reference.repository() + "/" + path);
        boolean challenged = false;
        for (int hop = 0; ; ) {
            Optional<String> authorization = sameAuthority(uri, reference)
                    ? Optional.ofNullable(authorizations.get(key)) : Optional.empty();
            HttpResponse<byte[]> response = send(request(uri, accept, authorization), limit, reference);
            int status = response.statusCode();
            if (status == 200) {
                return response;
            }
            if (status == 401 && !challenged && sameAuthority(uri, reference)) {
                challenged = true;
                authorizations.put(key, answer(reference, response));
                continue;
            }
            if (status >= 300 && status < 400 && status != 304) {
                if (++hop > MAX_REDIRECTS) {
                    throw new OciException("OCI_REFUSED", reference + ": more than " + MAX_REDIRECTS + " redirects");
                }
                uri = redirect(reference, uri, response);
                continue;
            }
            throw failure(reference, uri, status);
        }
    }

    private static OciException failure(OciReference reference, URI uri, int status) {
        String where = reference + " (" + uri.getPath() + ")";
        return switch (status) {
            case 404 -> new OciException("OCI_NOT_FOUND", where + ": not found in the registry");
            case 401, 403 -> new OciException("OCI_UNAUTHORIZED", where + ": the registry refused access ("
                    + status + ")");
            default -> new OciException("OCI_REFUSED", where + ": the registry answered " + status);
        };
    }

    private URI redirect(OciReference reference, URI from, HttpResponse<?> response) throws OciException {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new OciException("OCI_REFUSED", reference + ": redirect " + response.statusCode()
                        + " without a Location"));
        URI to;
        try {
            to = from.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new OciException("OCI_REFUSED", reference + ": redirect to a malformed Location", e);
        }
        allowed(reference, to, "redirect");
        return to;
    }

    /** HTTPS, or HTTP to a host the device owner listed as insecure; anything else is refused. */
    private void allowed(OciReference reference, URI to, String what) throws OciException {
        String scheme = Optional.ofNullable(to.getScheme()).orElse("");
        boolean secure = scheme.equals("https");
        boolean listed = scheme.equals("http") && to.getRawAuthority() != null && settings.insecure(to.getRawAuthority());
        if (to.getHost() == null || !(secure || listed)) {
            throw new OciException("OCI_REFUSED", reference + ": " + what + " to " + Digest.shorten(to.toString())
                    + " refused: only https, or http to a registry listed in oci.insecure-registries");
        }
    }

    private String scheme(String authority) {
        return settings.insecure(authority) ? "http" : "https";
    }

    private static boolean sameAuthority(URI uri, OciReference reference) {
        return reference.apiAuthority().equalsIgnoreCase(uri.getRawAuthority());
    }

    /** The {@code Authorization} value that answers the challenge of a 401. */
    private String answer(OciReference reference, HttpResponse<?> response) throws OciException {
        Optional<Credentials> credentials = settings.credentialsFor(reference.registry());
        Challenge challenge = response.headers().allValues("WWW-Authenticate").stream()
                .flatMap(h -> Challenge.parse(h).stream())
                .filter(c -> c.scheme().equals("bearer") || c.scheme().equals("basic"))
                .findFirst().orElseThrow(() -> new OciException("OCI_UNAUTHORIZED", reference
                        + ": the registry wants authentication but sent no Basic or Bearer challenge"));
        if (challenge.scheme().equals("basic")) {
            return credentials.orElseThrow(() -> new OciException("OCI_UNAUTHORIZED", reference
                    + ": the registry asks for credentials and none are configured for " + reference.registry()))
                    .basic();
        }
        return "Bearer " + token(reference, challenge, credentials);
    }

    private String token(OciReference reference, Challenge challenge, Optional<Credentials> credentials)
            throws OciException {
        String realm = challenge.parameter("realm").orElseThrow(() -> new OciException("OCI_UNAUTHORIZED",
                reference + ": Bearer challenge without a realm"));
        URI uri;
        try {
            StringBuilder query = new StringBuilder();
            challenge.parameter("service").ifPresent(s -> query.append("service=").append(encode(s)));
            String scope = challenge.parameter("scope").orElse("repository:" + reference.repository() + ":pull");
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
            uri = new URI(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (java.net.URISyntaxException e) {
            throw new OciException("OCI_UNAUTHORIZED", reference + ": malformed token realm", e);
        }
        allowed(reference, uri, "token request");
        HttpResponse<byte[]> response = send(request(uri, "application/json", credentials.map(Credentials::basic)),
                MAX_TOKEN_BYTES, reference);
        if (response.statusCode() != 200) {
            throw new OciException("OCI_UNAUTHORIZED", reference + ": the token service answered "
                    + response.statusCode());
        }
        try {
            if (Json.parse(response.body()) instanceof JsonObject body) {
                Optional<String> token = body.string("token").or(() -> body.string("access_token"));
                if (token.isPresent() && token.get().matches("[A-Za-z0-9._~+/=-]+")) {
                    return token.get();
                }
            }
        } catch (JsonParseException e) {
            throw new OciException("OCI_UNAUTHORIZED", reference + ": the token service answer is not JSON", e);
        }
        throw new OciException("OCI_UNAUTHORIZED", reference + ": the token service sent no usable token");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest request(URI uri, String accept, Optional<String> authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("Accept", accept)
                .timeout(settings.requestTimeout());
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, long limit, OciReference reference) throws OciException {
        AtomicBoolean overflowed = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request,
                LimitedBody.content(limit, overflowed));
        Duration bound = settings.requestTimeout();
        try {
            return exchange.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new OciException("OCI_UNREACHABLE", reference + ": no complete answer from " + request.uri()
                    .getRawAuthority() + " within " + bound.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new OciException("OCI_UNREACHABLE", reference + ": interrupted", e);
        } catch (ExecutionException e) {
            if (overflowed.get()) {
                throw new OciException("OCI_INVALID", reference + ": " + request.uri().getPath()
                        + " is larger than " + limit + " bytes", e);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new OciException("OCI_UNREACHABLE", reference + ": cannot reach " + request.uri().getRawAuthority()
                    + ": " + cause, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
