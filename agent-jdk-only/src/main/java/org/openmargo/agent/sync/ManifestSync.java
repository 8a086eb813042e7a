package org.openmargo.agent.sync;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.AgentState.Blob;
import org.openmargo.agent.transport.RetryHint;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * One desired-state sync, the client processing algorithm of spec c.7: conditional GET of the manifest with the
 * persisted ETag, content and ETag checks, the rollback check on {@code manifestVersion} (strictly greater, unsigned),
 * then every missing YAML fetched (the bundle on a first sync or a large change, individual URLs otherwise) and
 * verified on its exact bytes before anything is accepted. Any failure returns without changing the state; a 404 is
 * only "not available now" and never deletes anything. A deployment disappears only when an accepted manifest no
 * longer lists it. Not thread safe: one sync at a time.
 */
public final class ManifestSync {
    static final String MANIFEST_MEDIA_TYPE = "application/vnd.margo.manifest.v1+json";
    private static final Logger LOG = Logger.getLogger(ManifestSync.class.getName());

    private final WfmClient client;
    private final Clock clock;
    private final ArtifactFetcher fetcher;

    /**
     * @param client the mTLS client of the WFM
     * @param clock  for Retry-After dates
     */
    public ManifestSync(WfmClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.fetcher = new ArtifactFetcher(client, clock);
    }

    /** Runs one sync from {@code current}; never throws for network or content problems. */
    public SyncOutcome sync(AgentState current) throws InterruptedException {
        WfmResponse response;
        try {
            response = client.send(WfmRequest.get("/api/v1/deployments", manifestHeaders(current)));
        } catch (IOException e) {
            return new SyncOutcome.Unavailable("manifest request failed: " + e.getMessage(), RetryHint.silent());
        }
        return switch (response.status()) {
            case 304 -> new SyncOutcome.Unchanged();
            case 200 -> accept(current, response);
            default -> Responses.unavailableOrRejected("manifest", response, clock);
        };
    }

    private static Map<String, String> manifestHeaders(AgentState current) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", MANIFEST_MEDIA_TYPE);
        // Without the stored body the agent could not diff against a 304, so it asks for the full manifest again.
        current.manifest().filter(m -> m.body().isPresent())
                .ifPresent(m -> headers.put("If-None-Match", m.etag()));
        return headers;
    }

    private SyncOutcome accept(AgentState current, WfmResponse response) throws InterruptedException {
        String type = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.split(";", 2)[0].trim().equals(MANIFEST_MEDIA_TYPE)) {
            return new SyncOutcome.Rejected("manifest has Content-Type '" + type + "'");
        }
        String etag = response.header("ETag").orElse("");
        Blob body = Blob.of(response.body());
        String digest = body.digest();
        if (etag.startsWith("\"sha256:") && !etag.equals('"' + digest + '"')) {
            return new SyncOutcome.Rejected("manifest body does not match its ETag (corrupted in transit?)");
        }
        ManifestDocument manifest;
        try {
            manifest = ManifestDocument.of(Json.parse(response.body()));
        } catch (JsonParseException e) {
            return new SyncOutcome.Rejected("manifest is not valid JSON: " + e.getMessage());
        } catch (ManifestDocument.InvalidManifestException e) {
            return new SyncOutcome.Rejected("manifest is invalid: " + e.getMessage());
        }
        Optional<AgentState.Manifest> previous = current.manifest();
        if (previous.isPresent() && Long.compareUnsigned(manifest.version(), previous.get().version()) <= 0) {
            LOG.warning(() -> "SECURITY: manifest rollback refused: version " + Long.toUnsignedString(manifest.version())
                    + " is not greater than the accepted " + Long.toUnsignedString(previous.get().version()));
            return new SyncOutcome.Rejected("manifestVersion " + Long.toUnsignedString(manifest.version())
                    + " is not greater than the accepted " + Long.toUnsignedString(previous.get().version()));
        }
        return fetchAndBuild(current, manifest, etag.isEmpty() ? '"' + digest + '"' : etag, body);
    }

    private SyncOutcome fetchAndBuild(AgentState current, ManifestDocument manifest, String etag, Blob body)
            throws InterruptedException {
        ManifestDiff diff = ManifestDiff.of(current, manifest);
        ArtifactFetcher.Result fetched = fetcher.fetch(manifest, diff.missing(), current.manifest().isEmpty());
        if (fetched.failure().isPresent()) {
            return fetched.failure().get();
        }
        Map<String, Blob> yamls = new HashMap<>(fetched.yamls());
        current.yamls().forEach(yamls::putIfAbsent);
        Optional<String> invalid = DeploymentCheck.firstProblem(manifest, yamls);
        if (invalid.isPresent()) {
            return new SyncOutcome.Rejected(invalid.get());
        }
        AgentState next = current.withManifest(new AgentState.Manifest(manifest.version(), etag,
                Optional.of(body))).withDesired(diff.desired());
        for (Blob yaml : fetched.yamls().values()) {
            next = next.withYaml(yaml);
        }
        for (ManifestDocument.Ref ref : manifest.deployments()) {
            next = next.withYaml(yamls.get(ref.digest()));
        }
        LOG.log(Level.INFO, () -> "accepted manifest version " + Long.toUnsignedString(manifest.version()) + " with "
                + manifest.deployments().size() + " deployment(s), " + fetched.yamls().size() + " fetched"
                + (fetched.viaBundle() ? " from the bundle" : ""));
        return new SyncOutcome.Accepted(next, fetched.yamls().size(), fetched.viaBundle());
    }
}
