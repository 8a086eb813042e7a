package org.openmargo.wfm.desiredstate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a client's bundle and manifest from its current deployments (spec c.5: the version is persisted with the
 * change that made it). Pure: the caller stores the result in the transaction that changed the deployments.
 */
final class ManifestWriter {
    /** The manifest of a client that never had a change (spec a.4: the first manifest is version 1). */
    private static final byte[] EMPTY_BODY = ManifestDocument.write(1, Optional.empty(), List.of());

    private ManifestWriter() {
    }

    /** The computed version-1 manifest; a fresh copy each time, since arrays are mutable. */
    static StoredManifest empty() {
        return StoredManifest.of(1, EMPTY_BODY.clone());
    }

    /** The version after {@code version}; the unsigned 64-bit range ends at 2^64-1 (spec c.5). */
    static long next(long version) {
        if (version == -1L) {
            throw new IllegalStateException("manifestVersion exhausted the unsigned 64-bit range");
        }
        return version + 1;
    }

    /**
     * The manifest at {@code version} over {@code current} (in any order: the document and the archive sort their
     * entries, so equal sets give equal bytes and digests), and the bundle archive it references (empty when there
     * is no current deployment).
     */
    static Built build(long version, List<DesiredStateRows.CurrentYaml> current) {
        List<ManifestEntry> entries = new ArrayList<>();
        List<BundleArchive.Entry> files = new ArrayList<>();
        for (DesiredStateRows.CurrentYaml y : current) {
            entries.add(new ManifestEntry(y.deploymentId(), y.digest(), y.yaml().length));
            files.add(new BundleArchive.Entry(y.deploymentId(), y.yaml()));
        }
        Optional<Bundle> bundle = files.isEmpty() ? Optional.empty()
                : Optional.of(Bundle.of(BundleArchive.build(files)));
        Optional<BundleRef> ref = bundle.map(b -> new BundleRef(b.digest(), b.archive().length));
        return new Built(StoredManifest.of(version, ManifestDocument.write(version, ref, entries)), bundle);
    }

    /**
     * @param manifest the manifest to store
     * @param bundle   the bundle it references, to store under its digest
     */
    record Built(StoredManifest manifest, Optional<Bundle> bundle) {
    }

    /**
     * @param digest  SHA-256 of the archive
     * @param archive the tar.gz bytes
     */
    record Bundle(Digest digest, byte[] archive) {
        static Bundle of(byte[] archive) {
            return new Bundle(Digest.sha256(archive), archive);
        }
    }
}
