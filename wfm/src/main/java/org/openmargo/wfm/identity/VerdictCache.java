package org.openmargo.wfm.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SvidVerifier} with a memory: a successful validation of a presented chain is remembered, keyed by the SHA-256
 * digest of the whole chain as presented (every certificate, in order), and reused while all of these hold:
 * <ul>
 *     <li>the trust bundle is still the one it was computed against ({@link TrustBundleSource.Snapshot#generation()}):
 *     an accepted reload clears the cache at the next call, so a removed anchor rejects at once;</li>
 *     <li>the instant is inside the validity window of the validated path (latest {@code notBefore} to earliest
 *     {@code notAfter}); outside it the entry is dropped and the chain validated again, which rejects with the same
 *     reason an uncached validation gives.</li>
 * </ul>
 * The verdict is a pure function of the chain, the bundle and the instant (no revocation, no fetching: spec b.1), so
 * a hit is exactly as strict as validating again. Rejections are not remembered. Authorisation (the accepted-client
 * policy) is never part of it.
 *
 * <p>Shared by the TLS handshake ({@link SvidTrustManager}) and the per-request check ({@link CallerAuthenticator}),
 * so a poll on a new connection runs the PKIX validation at most once, and a device seen before not at all. Bounded:
 * past {@code maxEntries} the entries of other generations and expired ones are dropped, then, if still full, about a
 * quarter of the rest (a miss costs one validation). Thread safe.
 */
final class VerdictCache {
    /** Enough for the clients of one instance with room for renewals; an entry is about 300 bytes. */
    static final int DEFAULT_MAX_ENTRIES = 65_536;

    private final SvidVerifier verifier;
    private final TrustBundleSource bundles;
    private final int maxEntries;
    private final ConcurrentHashMap<Key, SvidVerifier.Valid> entries = new ConcurrentHashMap<>();
    private volatile long generation;

    /** The bundle generation is part of the key: a verdict computed against an older bundle can never hit. */
    private record Key(long generation, byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && generation == k.generation && Arrays.equals(digest, k.digest);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(generation) * 31 + Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "Key[" + generation + ", " + HexFormat.of().formatHex(digest) + "]";
        }
    }

    VerdictCache(SvidVerifier verifier, TrustBundleSource bundles, int maxEntries) {
        this.verifier = Objects.requireNonNull(verifier);
        this.bundles = Objects.requireNonNull(bundles);
        if (maxEntries < 1) {
            throw new IllegalArgumentException("verdict cache size must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The trust bundle in use; the caller's verdicts are against it. */
    TrustBundleSource bundles() {
        return bundles;
    }

    /**
     * The verdict of {@link SvidVerifier#verify} for {@code chain} against the current bundle at {@code at}, from
     * memory when it may be.
     */
    SvidVerifier.Outcome verify(List<X509Certificate> chain, Instant at) {
        if (chain.isEmpty()) {
            return verifier.verify(chain, bundles.current().bundle(), at);
        }
        TrustBundleSource.Snapshot snapshot = bundles.current();
        if (snapshot.generation() != generation) {
            newGeneration(snapshot.generation());
        }
        Key key = key(snapshot.generation(), chain);
        if (key != null) {
            SvidVerifier.Valid known = entries.get(key);
            if (known != null) {
                if (inside(known, at)) {
                    return known;
                }
                entries.remove(key, known);
            }
        }
        SvidVerifier.Outcome outcome = verifier.verify(chain, snapshot.bundle(), at);
        if (key != null && outcome instanceof SvidVerifier.Valid valid) {
            remember(key, valid, at);
        }
        return outcome;
    }

    /** Number of remembered verdicts; for tests. */
    int size() {
        return entries.size();
    }

    private synchronized void newGeneration(long current) {
        if (current != generation) {
            entries.clear();
            generation = current;
        }
    }

    private void remember(Key key, SvidVerifier.Valid valid, Instant at) {
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(v -> !inside(v, at));
            if (entries.size() >= maxEntries) {
                int drop = Math.max(1, entries.size() / 4);
                Iterator<Key> it = entries.keySet().iterator();
                while (drop-- > 0 && it.hasNext()) {
                    it.next();
                    it.remove();
                }
            }
        }
        entries.put(key, valid);
    }

    private static boolean inside(SvidVerifier.Valid valid, Instant at) {
        return !at.isBefore(valid.validFrom()) && !at.isAfter(valid.validUntil());
    }

    /** SHA-256 over each certificate's length and DER encoding, in order; null when one cannot be encoded. */
    private static Key key(long generation, List<X509Certificate> chain) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (X509Certificate certificate : chain) {
                byte[] der = certificate.getEncoded();
                sha256.update(new byte[] {(byte) (der.length >>> 24), (byte) (der.length >>> 16),
                        (byte) (der.length >>> 8), (byte) der.length});
                sha256.update(der);
            }
            return new Key(generation, sha256.digest());
        } catch (CertificateEncodingException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
