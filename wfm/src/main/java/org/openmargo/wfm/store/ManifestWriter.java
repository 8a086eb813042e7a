package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.desiredstate.BundleArchive;
import org.openmargo.wfm.desiredstate.BundleRef;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.ManifestDocument;
import org.openmargo.wfm.desiredstate.ManifestEntry;
import org.openmargo.wfm.desiredstate.StoredManifest;

/**
 * Rebuilds a client's bundle and manifest from its current deployments, inside the transaction that changed them and
 * holds the client's manifest row lock (spec c.5: the counter is persisted with the change).
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

    /** Creates the client's manifest row holding the empty manifest, unless it exists. */
    static void createIfAbsent(Connection c, String clientId) throws SQLException {
        StoredManifest empty = empty();
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.CREATE_MANIFEST_IF_ABSENT)) {
            s.setString(1, clientId);
            s.setLong(2, empty.version());
            s.setBytes(3, empty.body());
            s.setString(4, empty.etag());
            s.executeUpdate();
        }
    }

    /** Locks the client's manifest row and returns its version; empty when the client has no row. */
    static Optional<Long> lock(Connection c, String clientId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.LOCK_MANIFEST)) {
            s.setString(1, clientId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The version after {@code version}; the unsigned 64-bit range ends at 2^64-1 (spec c.5). */
    static long next(long version) {
        if (version == -1L) {
            throw new IllegalStateException("manifestVersion exhausted the unsigned 64-bit range");
        }
        return version + 1;
    }

    /** Stores the bundle of the current deployments and the manifest at {@code version}. */
    static void write(Connection c, String clientId, long version) throws SQLException {
        List<ManifestEntry> entries = new ArrayList<>();
        List<BundleArchive.Entry> files = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.CURRENT_YAMLS)) {
            s.setString(1, clientId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] yaml = r.getBytes(3);
                    entries.add(new ManifestEntry(r.getString(1), new Digest(r.getString(2)), yaml.length));
                    files.add(new BundleArchive.Entry(r.getString(1), yaml));
                }
            }
        }
        Optional<BundleRef> bundle = files.isEmpty() ? Optional.empty() : Optional.of(storeBundle(c, clientId, files));
        StoredManifest manifest = StoredManifest.of(version, ManifestDocument.write(version, bundle, entries));
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.UPDATE_MANIFEST)) {
            s.setLong(1, manifest.version());
            s.setBytes(2, manifest.body());
            s.setString(3, manifest.etag());
            s.setString(4, clientId);
            s.executeUpdate();
        }
    }

    private static BundleRef storeBundle(Connection c, String clientId, List<BundleArchive.Entry> files)
            throws SQLException {
        byte[] archive = BundleArchive.build(files);
        Digest digest = Digest.sha256(archive);
        try (PreparedStatement s = c.prepareStatement(DesiredStateSql.CREATE_BUNDLE_IF_ABSENT)) {
            s.setString(1, clientId);
            s.setString(2, digest.value());
            s.setBytes(3, archive);
            s.executeUpdate();
        }
        return new BundleRef(digest, archive.length);
    }
}
