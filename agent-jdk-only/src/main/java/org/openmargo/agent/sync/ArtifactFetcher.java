package org.openmargo.agent.sync;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.state.AgentState.Blob;
import org.openmargo.agent.tar.TarArchive;
import org.openmargo.agent.tar.TarEntry;
import org.openmargo.agent.tar.TarException;
import org.openmargo.agent.tar.TarLimits;
import org.openmargo.agent.transport.RetryHint;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * Fetches the YAMLs a manifest needs and verifies each on its exact bytes (spec c.3). The bundle is used on a first
 * sync and when more than a quarter of the deployments (at least {@value #SMALL_CHANGE}) changed; its digest is checked
 * first, then its entries are matched to the manifest by digest, never by name, and an archive with a missing or an
 * extra entry is refused as a whole (spec c.6).
 */
final class ArtifactFetcher {
    static final int SMALL_CHANGE = 3;
    private final WfmClient client;
    private final Clock clock;

    ArtifactFetcher(WfmClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * @param yamls     digest to verified bytes of everything fetched
     * @param viaBundle whether the bundle was used
     * @param failure   present when the fetch failed: the outcome to return
     */
    record Result(Map<String, Blob> yamls, boolean viaBundle, Optional<SyncOutcome> failure) {
        static Result failed(SyncOutcome outcome) {
            return new Result(Map.of(), false, Optional.of(outcome));
        }
    }

    Result fetch(ManifestDocument manifest, List<ManifestDocument.Ref> missing, boolean firstSync)
            throws InterruptedException {
        if (missing.isEmpty()) {
            return new Result(Map.of(), false, Optional.empty());
        }
        boolean large = missing.size() > Math.max(SMALL_CHANGE, manifest.deployments().size() / 4);
        if (manifest.bundle().isPresent() && (firstSync || large)) {
            return fromBundle(manifest);
        }
        Map<String, Blob> out = new HashMap<>();
        for (ManifestDocument.Ref ref : missing) {
            Optional<byte[]> bytes = get(ref);
            if (bytes.isEmpty()) {
                return Result.failed(lastFailure);
            }
            out.put(ref.digest(), Blob.of(bytes.get()));
        }
        return new Result(out, false, Optional.empty());
    }

    private SyncOutcome lastFailure;

    private Result fromBundle(ManifestDocument manifest) throws InterruptedException {
        ManifestDocument.Ref bundle = manifest.bundle().orElseThrow();
        Optional<byte[]> archive = get(bundle);
        if (archive.isEmpty()) {
            return Result.failed(lastFailure);
        }
        List<TarEntry> entries;
        try {
            entries = TarArchive.readGzip(archive.get(), TarLimits.defaults());
        } catch (TarException e) {
            return Result.failed(new SyncOutcome.Rejected("bundle refused: " + e.getMessage()));
        }
        Set<String> wanted = new HashSet<>();
        manifest.deployments().forEach(ref -> wanted.add(ref.digest()));
        Map<String, Blob> out = new HashMap<>();
        Map<String, String> entryOf = new HashMap<>();
        for (TarEntry entry : entries) {
            Blob blob = Blob.of(entry.content());
            if (!wanted.contains(blob.digest())) {
                return Result.failed(new SyncOutcome.Rejected("bundle entry '" + entry.name() + "' hashes to "
                        + blob.digest() + ", which does not match the digest of any deployment of the manifest"));
            }
            String earlier = entryOf.putIfAbsent(blob.digest(), entry.name());
            if (earlier != null) {
                return Result.failed(new SyncOutcome.Rejected("bundle entry '" + entry.name() + "' repeats entry '"
                        + earlier + "' (both hash to " + blob.digest() + ")"));
            }
            out.put(blob.digest(), blob);
        }
        if (!out.keySet().equals(wanted)) {
            return Result.failed(new SyncOutcome.Rejected("bundle lacks " + (wanted.size() - out.size())
                    + " deployment(s) of the manifest"));
        }
        return new Result(out, true, Optional.empty());
    }

    /** GETs one artifact and checks its digest; empty (with {@link #lastFailure} set) on any failure. */
    private Optional<byte[]> get(ManifestDocument.Ref ref) throws InterruptedException {
        WfmResponse response;
        try {
            response = client.send(WfmRequest.get(ref.url(), Map.of()));
        } catch (IOException e) {
            lastFailure = new SyncOutcome.Unavailable(ref.url() + " failed: " + e.getMessage(), RetryHint.silent());
            return Optional.empty();
        }
        if (response.status() != 200) {
            lastFailure = Responses.unavailableOrRejected(ref.url(), response, clock);
            return Optional.empty();
        }
        if (!Blob.sha256(response.body()).equals(ref.digest())) {
            lastFailure = new SyncOutcome.Rejected(ref.url() + " does not hash to its digest");
            return Optional.empty();
        }
        return Optional.of(response.body());
    }
}
