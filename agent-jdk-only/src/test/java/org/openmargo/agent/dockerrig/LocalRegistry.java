package org.openmargo.agent.dockerrig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openmargo.agent.oci.Digest;

/**
 * A real OCI registry for the tests: Debian's {@code docker-registry} (distribution 2.8) started as a child process
 * on a free loopback port with its storage in a test directory, pushed to through the OCI Distribution API (blob
 * upload, manifest put) with the JDK's HTTP client, and stopped by its own process handle.
 */
public final class LocalRegistry implements AutoCloseable {
    /** The artifact type {@code docker compose publish} writes. */
    public static final String COMPOSE_PROJECT = "application/vnd.docker.compose.project";
    /** The media type of a compose file layer. */
    public static final String COMPOSE_FILE = "application/vnd.docker.compose.file+yaml";
    private static final Duration START = Duration.ofSeconds(20);

    private final Process process;
    private final Path storage;
    private final String authority;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalRegistry(Process process, Path storage, String authority) {
        this.process = process;
        this.storage = storage;
        this.authority = authority;
    }

    /** Starts a registry with its configuration, storage and log under {@code dir}; waits until it answers. */
    public static LocalRegistry start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path storage = Files.createDirectories(dir.resolve("registry-storage"));
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage, port));
        Process process = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, storage, "127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                if (registry.send(HttpRequest.newBuilder(registry.uri("/v2/")).GET()).statusCode() == 200) {
                    return registry;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        registry.close();
        throw new IOException("docker-registry did not answer within " + START.toSeconds() + " s");
    }

    /** {@code 127.0.0.1:<port>}, as written after {@code oci://} and in image names. */
    public String authority() {
        return authority;
    }

    /** Uploads {@code content} as a blob of {@code repository} (monolithic upload); returns its digest. */
    public Digest pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        Digest digest = Digest.of(content);
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, 202);
        URI location = uri("/").resolve(started.headers().firstValue("Location").orElseThrow());
        URI put = URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
        expect(send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))), 201);
        return digest;
    }

    /**
     * Publishes a Compose artifact as {@code docker compose publish} lays it out: an OCI image manifest with artifact
     * type {@link #COMPOSE_PROJECT}, an empty config and one compose file layer.
     *
     * @return the digest of the compose file layer
     */
    public Digest publishCompose(String repository, String tag, String composeYaml)
            throws IOException, InterruptedException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] file = composeYaml.getBytes(StandardCharsets.UTF_8);
        Digest configDigest = pushBlob(repository, config);
        Digest fileDigest = pushBlob(repository, file);
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "artifactType":"%s",\
                "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":%d},\
                "layers":[{"mediaType":"%s","digest":"%s","size":%d}]}""".formatted(COMPOSE_PROJECT, configDigest,
                config.length, COMPOSE_FILE, fileDigest, file.length);
        expect(send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))), 201);
        return fileDigest;
    }

    /** Puts {@code manifest} (an OCI image manifest) as {@code repository:tag}. */
    public void putManifest(String repository, String tag, String manifest) throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))), 201);
    }

    /**
     * Overwrites the stored bytes of a blob with as many other bytes, as a corrupted disk or a tampering storage
     * backend would: the registry keeps serving them under the old digest.
     */
    public void corrupt(Digest blob) throws IOException {
        Path data = storage.resolve("docker/registry/v2/blobs/sha256").resolve(blob.hex().substring(0, 2))
                .resolve(blob.hex()).resolve("data");
        byte[] bytes = Files.readAllBytes(data);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bytes[i] == 'x' ? (byte) 'y' : (byte) 'x';
        }
        Files.write(data, bytes);
    }

    private URI uri(String path) {
        return URI.create("http://" + authority + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(response.request().method() + " " + response.uri().getPath() + ": expected "
                    + status + " but got " + response.statusCode() + ": " + response.body());
        }
    }

    /** Stops the registry process (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
