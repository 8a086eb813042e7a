package org.openmargo.agent.oci;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCI client against scripted registries: the authentication challenges, redirects and hostile answers that a
 * local registry cannot be made to give. Round trips against a real registry are in {@code OciClientRegistryTest}.
 */
class OciClientTest {
    private static final String MANIFEST_PATH = "/v2/shop/db/manifests/1.0.0";
    private static final byte[] FILE = "services:\n  db:\n    image: postgres\n".getBytes(StandardCharsets.UTF_8);
    private static final Descriptor LAYER = new Descriptor("application/vnd.docker.compose.file+yaml",
            Digest.of(FILE), FILE.length);
    private static final String BLOB_PATH = "/v2/shop/db/blobs/" + LAYER.digest();
    private static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "artifactType":"application/vnd.docker.compose.project",\
            "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":2},\
            "layers":[{"mediaType":"application/vnd.docker.compose.file+yaml","digest":"%s","size":%d}]}"""
            .formatted(Digest.of("{}".getBytes(StandardCharsets.UTF_8)), LAYER.digest(), FILE.length);

    private WireMockServer registry;
    private WireMockServer storage;
    private OciReference reference;

    @BeforeEach
    void start() {
        registry = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        storage = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        storage.start();
        reference = OciReference.of("oci://" + authority(registry) + "/shop/db", "1.0.0");
    }

    @AfterEach
    void stop() {
        registry.stop();
        storage.stop();
    }

    private static String authority(WireMockServer server) {
        return "127.0.0.1:" + server.port();
    }

    private OciClient client(Set<String> insecure, Map<String, Credentials> credentials) {
        return OciClient.create(new OciSettings(insecure, credentials, Duration.ofSeconds(5)));
    }

    private OciClient client() {
        return client(Set.of(authority(registry)), Map.of());
    }

    private void serveManifest() {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", Manifest.OCI)
                .withHeader("Docker-Content-Digest", Digest.of(MANIFEST.getBytes(StandardCharsets.UTF_8)).toString())
                .withBody(MANIFEST)));
    }

    @Test
    void manifest_anonymous_isReadWithItsLayers() throws Exception {
        serveManifest();

        Manifest manifest = client().manifest(reference);

        assertThat(manifest.artifactType()).isEqualTo("application/vnd.docker.compose.project");
        assertThat(manifest.layers()).containsExactly(LAYER);
        assertThat(manifest.digest()).isEqualTo(Digest.of(MANIFEST.getBytes(StandardCharsets.UTF_8)));
        registry.verify(getRequestedFor(urlPathEqualTo(MANIFEST_PATH)).withHeader("Accept",
                equalTo(Manifest.OCI + ", " + Manifest.DOCKER)));
    }

    @Test
    void manifest_bearerChallenge_fetchesATokenWithTheCredentialsAndRetriesWithIt() throws Exception {
        String realm = "http://" + authority(registry) + "/token";
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
                "Bearer realm=\"" + realm + "\",service=\"registry.test\",scope=\"repository:shop/db:pull\"")));
        registry.stubFor(get(MANIFEST_PATH).withHeader("Authorization", equalTo("Bearer tok-123")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", Manifest.OCI).withBody(MANIFEST)));
        registry.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"token\":\"tok-123\",\"expires_in\":300}")));

        Manifest manifest = client(Set.of(authority(registry)), Map.of(authority(registry),
                new Credentials("robot", "s3cret"))).manifest(reference);

        assertThat(manifest.layers()).containsExactly(LAYER);
        registry.verify(getRequestedFor(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo("registry.test"))
                .withQueryParam("scope", equalTo("repository:shop/db:pull"))
                .withHeader("Authorization", equalTo("Basic cm9ib3Q6czNjcmV0")));
    }

    @Test
    void manifest_bearerChallengeWithoutCredentials_asksForAnAnonymousToken() throws Exception {
        String realm = "http://" + authority(registry) + "/token";
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"")));
        registry.stubFor(get(MANIFEST_PATH).withHeader("Authorization", equalTo("Bearer anon")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", Manifest.OCI).withBody(MANIFEST)));
        registry.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\":\"anon\"}")));

        client().manifest(reference);

        registry.verify(getRequestedFor(urlPathEqualTo("/token"))
                .withQueryParam("scope", equalTo("repository:shop/db:pull")).withHeader("Authorization", absent()));
    }

    @Test
    void manifest_basicChallenge_sendsTheConfiguredCredentials() throws Exception {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"Registry\"")));
        registry.stubFor(get(MANIFEST_PATH).withHeader("Authorization", equalTo("Basic cm9ib3Q6czNjcmV0"))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", Manifest.OCI)
                        .withBody(MANIFEST)));

        Manifest manifest = client(Set.of(authority(registry)), Map.of(authority(registry),
                new Credentials("robot", "s3cret"))).manifest(reference);

        assertThat(manifest.layers()).containsExactly(LAYER);
    }

    @Test
    void manifest_basicChallengeWithoutCredentials_isUnauthorized() {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"Registry\"")));

        assertThatThrownBy(() -> client().manifest(reference)).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.code()).isEqualTo("OCI_UNAUTHORIZED");
            assertThat(e.getMessage()).endsWith("the registry asks for credentials and none are configured for "
                    + authority(registry));
        });
    }

    @Test
    void manifest_tokenRealmOverPlainHttpToAHostNotListed_isRefusedWithoutAsking() {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
                "Bearer realm=\"http://" + authority(storage) + "/token\"")));

        assertThatThrownBy(() -> client().manifest(reference)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo("OCI_REFUSED"));
        storage.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void manifest_bytesNotMatchingTheAnnouncedDigest_isInvalid() {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", Manifest.OCI)
                .withHeader("Docker-Content-Digest", Digest.of(new byte[1]).toString()).withBody(MANIFEST)));

        assertThatThrownBy(() -> client().manifest(reference)).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo("OCI_INVALID");
            assertThat(e.getMessage()).contains("but the registry announced " + Digest.of(new byte[1]));
        });
    }

    @Test
    void manifest_largerThan4MiB_isInvalid() {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", Manifest.OCI).withBody(new byte[OciClient.MAX_MANIFEST_BYTES + 1])));

        assertThatThrownBy(() -> client().manifest(reference)).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo("OCI_INVALID");
            assertThat(e.getMessage()).endsWith("is larger than 4194304 bytes");
        });
    }

    @Test
    void manifest_imageIndexMediaType_isInvalid() {
        registry.stubFor(get(MANIFEST_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.oci.image.index.v1+json")
                .withBody("{\"schemaVersion\":2,\"manifests\":[]}")));

        assertThatThrownBy(() -> client().manifest(reference)).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo("OCI_INVALID");
            assertThat(e.getMessage()).isEqualTo("not an image manifest: served as "
                    + "application/vnd.oci.image.index.v1+json, mediaType application/vnd.oci.image.index.v1+json");
        });
    }

    @Test
    void manifest_unknownTag_isNotFound() {
        assertThatThrownBy(() -> client().manifest(reference)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo("OCI_NOT_FOUND"));
    }

    @Test
    void manifest_registryNotListedAsInsecure_isAskedOverHttpsOnly() {
        serveManifest();

        assertThatThrownBy(() -> client(Set.of(), Map.of()).manifest(reference))
                .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.code()).isEqualTo("OCI_UNREACHABLE"));
        registry.verify(0, getRequestedFor(urlPathEqualTo(MANIFEST_PATH)));
    }

    @Test
    void blob_redirectToAnotherHost_isFollowedWithoutTheRegistrysAuthorization() throws Exception {
        registry.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"Registry\"")));
        registry.stubFor(get(BLOB_PATH).withHeader("Authorization", equalTo("Basic cm9ib3Q6czNjcmV0")).atPriority(1)
                .willReturn(aResponse().withStatus(307).withHeader("Location",
                        "http://" + authority(storage) + "/bucket/layer?signature=abc")));
        storage.stubFor(get(urlPathEqualTo("/bucket/layer")).willReturn(aResponse().withStatus(200).withBody(FILE)));

        byte[] blob = client(Set.of(authority(registry), authority(storage)), Map.of(authority(registry),
                new Credentials("robot", "s3cret"))).blob(reference, LAYER, 1024);

        assertThat(blob).isEqualTo(FILE);
        storage.verify(getRequestedFor(urlPathEqualTo("/bucket/layer")).withHeader("Authorization", absent()));
    }

    @Test
    void blob_redirectToPlainHttpHostNotListed_isRefusedWithoutFollowing() {
        registry.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://" + authority(storage) + "/bucket/layer")));

        assertThatThrownBy(() -> client().blob(reference, LAYER, 1024)).isInstanceOfSatisfying(OciException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("OCI_REFUSED");
                    assertThat(e.getMessage()).contains("redirect to http://" + authority(storage) + "/bucket/layer"
                            + " refused");
                });
        storage.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void blob_endlessRedirects_areRefusedAfterFive() {
        registry.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(307).withHeader("Location", BLOB_PATH)));

        assertThatThrownBy(() -> client().blob(reference, LAYER, 1024)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.getMessage()).endsWith("more than 5 redirects"));
        registry.verify(OciClient.MAX_REDIRECTS + 1, getRequestedFor(urlPathEqualTo(BLOB_PATH)));
    }

    @Test
    void blob_bytesNotMatchingTheDigest_isInvalid() {
        byte[] other = FILE.clone();
        other[0] = 'S';
        registry.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(200).withBody(other)));

        assertThatThrownBy(() -> client().blob(reference, LAYER, 1024)).isInstanceOfSatisfying(OciException.class,
                e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo("OCI_INVALID");
                    assertThat(e.getMessage()).contains("does not match its descriptor: got " + FILE.length
                            + " bytes with digest " + Digest.of(other));
                });
    }

    @Test
    void blob_longerThanItsDescriptor_isInvalidAndNotReadToTheEnd() {
        registry.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(200).withBody(new byte[1024 * 1024])));

        assertThatThrownBy(() -> client().blob(reference, LAYER, 1024)).isInstanceOfSatisfying(OciException.class,
                e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo("OCI_INVALID");
                    assertThat(e.getMessage()).endsWith("is larger than " + FILE.length + " bytes");
                });
    }

    @Test
    void blob_descriptorAnnouncingMoreThanAccepted_isRefusedBeforeFetching() {
        Descriptor huge = new Descriptor(LAYER.mediaType(), LAYER.digest(), 10L * 1024 * 1024 * 1024);

        assertThatThrownBy(() -> client().blob(reference, huge, 1024)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo("OCI_INVALID"));
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void blob_registryThatNeverAnswers_isUnreachableWithinTheTimeout() {
        registry.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(200).withBody(FILE)
                .withFixedDelay(10_000)));
        OciClient client = OciClient.create(new OciSettings(Set.of(authority(registry)), Map.of(),
                Duration.ofMillis(500)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.blob(reference, LAYER, 1024)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo("OCI_UNREACHABLE"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void reference_ofRevisionWithBuildMetadata_usesTheUnderscoreTag() {
        assertThat(OciReference.of("oci://Registry.Example:5000/shop/db", "2.1.0+build.7"))
                .isEqualTo(new OciReference("registry.example:5000", "shop/db", "2.1.0_build.7"));
        assertThatThrownBy(() -> OciReference.of("https://registry.example/shop/db", "1.0.0"))
                .hasMessage("repository must start with oci://: https://registry.example/shop/db");
        assertThatThrownBy(() -> OciReference.of("oci://registry.example/../db", "1.0.0"))
                .hasMessage("not a repository name: ../db");
        assertThat(List.of(OciReference.of("oci://docker.io/library/x", "1").apiAuthority()))
                .containsExactly("registry-1.docker.io");
    }
}
