package org.openmargo.agent.trust;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.openmargo.agent.state.AtomicFile;

/**
 * The agent's current trust anchors (spec b.1, "Trust bundle and discovery").
 *
 * <p><b>Sources.</b> Either an operator-delivered bundle file (SPIFFE bundle JSON or PEM), or the MIS over HTTPS
 * (a discovery URL and/or a bundle URL), or both. With an MIS source the file is only the bootstrap: it is read when
 * no last good bundle is persisted yet, because a later refresh may have moved past it. With no MIS source the file is
 * authoritative and {@link #refresh()} reads it again. Trust in the MIS comes from pins or the JDK's trust store, never
 * from the first answer (see {@link Settings#pins()}).
 *
 * <p><b>Rules.</b> A bundle without x509-svid anchors is refused (fail closed). The highest {@code spiffe_sequence}
 * seen is kept and persisted; a bundle with a lower one is refused (rollback protection); a bundle without a sequence
 * is compared by anchors only. An accepted bundle <em>replaces</em> the anchors, never merges with them. Until a new
 * bundle is accepted the current one stays in use.
 *
 * <p><b>Offline start.</b> Every accepted bundle is persisted atomically in {@code <state-dir>/trust-bundle.json}
 * (SPIFFE bundle JSON carrying the highest sequence seen). At {@link #open} it is the starting point; a corrupted
 * file is ignored with a WARNING naming it, and replaced by the next accepted bundle.
 *
 * <p>Thread safety: {@link #anchors()} is a lock-free read of an immutable list, safe from TLS handshake threads;
 * {@link #refresh()} is serialised.
 */
public final class TrustStore {
    private static final System.Logger LOG = System.getLogger(TrustStore.class.getName());
    private static final String PERSISTED = "trust-bundle.json";

    /**
     * Trust configuration.
     *
     * @param bundleFile      an operator-delivered bundle (JSON or PEM)
     * @param discoveryUri    the MIS discovery document URL, for example {@code https://mis.example/.well-known/margo}
     * @param bundleUri       the bundle URL, used when there is no discovery URL or discovery answers 404
     * @param pins            SHA-256 fingerprints (hex, colons allowed) of CA certificates that authenticate the MIS
     *                        HTTPS origins; the MIS must present a pinned certificate in its chain, which is then the
     *                        only PKIX anchor, plus the host name check. Empty: the JDK's default trust store. Pins
     *                        authenticate the channel, not the bundle content, so they need not appear in the bundle
     *                        and anchor rotation never requires re-pinning
     * @param stateDir        where the last good bundle is kept
     * @param refreshInterval the refresh interval when the bundle has no {@code spiffe_refresh_hint}
     * @param trustDomain     the agent's trust domain (from its SVID), checked against the discovery document
     */
    public record Settings(Optional<Path> bundleFile, Optional<URI> discoveryUri, Optional<URI> bundleUri,
                           List<String> pins, Path stateDir, Duration refreshInterval, Optional<String> trustDomain) {
        public Settings {
            pins = List.copyOf(pins);
            pins.forEach(PinnedTrustManager::normalise);
        }

        boolean remote() {
            return discoveryUri.isPresent() || bundleUri.isPresent();
        }
    }

    private final Settings settings;
    private final Optional<BundleSource> source;
    private final Path persisted;
    private volatile Optional<TrustBundle> current = Optional.empty();
    private volatile List<X509Certificate> anchors = List.of();
    private OptionalLong highestSequence = OptionalLong.empty();

    private TrustStore(Settings settings, Optional<BundleSource> source) {
        this.settings = settings;
        this.source = source;
        this.persisted = settings.stateDir().resolve(PERSISTED);
    }

    /**
     * Loads the last good bundle and the bootstrap file; never contacts the MIS (call {@link #refresh()} for that).
     * The anchors may be empty afterwards, in which case every WFM is refused until a bundle is accepted.
     */
    public static TrustStore open(Settings settings) {
        Optional<BundleSource> source = settings.remote()
                ? Optional.of(new MisSource(settings.discoveryUri(), settings.bundleUri(), settings.pins(),
                        settings.trustDomain()))
                : settings.bundleFile().map(FileSource::new);
        return open(settings, source);
    }

    static TrustStore open(Settings settings, Optional<BundleSource> source) {
        TrustStore store = new TrustStore(settings, source);
        store.loadPersisted();
        boolean bootstrap = !settings.remote() || store.current.isEmpty();
        settings.bundleFile().filter(file -> bootstrap).ifPresent(file -> {
            RefreshOutcome outcome = store.refreshFrom(new FileSource(file));
            LOG.log(outcome instanceof RefreshOutcome.Updated || outcome instanceof RefreshOutcome.Unchanged
                    ? Level.INFO : Level.WARNING, "trust bundle file {0}: {1}", file, outcome);
        });
        return store;
    }

    /**
     * Seeds the last good bundle in {@code stateDir} for an offline start, as {@code agent enroll} does with the bundle
     * the WFM returned. The rules of {@link #refresh()} apply: a persisted bundle with a higher
     * {@code spiffe_sequence} is kept (rollback protection), and the highest sequence seen is carried on.
     *
     * @return whether the bundle was written
     * @throws IOException if the state directory cannot be written
     */
    public static boolean seed(Path stateDir, TrustBundle bundle) throws IOException {
        Path file = stateDir.resolve(PERSISTED);
        OptionalLong highest = OptionalLong.empty();
        if (Files.exists(file)) {
            try {
                highest = TrustBundle.parse(Files.readAllBytes(file)).sequence();
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "replacing the corrupted last good trust bundle {0}: {1}", file,
                        e.getMessage());
            }
        }
        if (highest.isPresent() && bundle.sequence().isPresent()
                && Long.compareUnsigned(bundle.sequence().getAsLong(), highest.getAsLong()) < 0) {
            return false;
        }
        OptionalLong sequence = bundle.sequence().isPresent() ? bundle.sequence() : highest;
        Files.createDirectories(stateDir);
        AtomicFile.open(file).write(bundle.withSequence(sequence).toJson());
        return true;
    }

    /** The anchors in force: the last accepted bundle's, or empty. Never null. */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** The last accepted bundle. */
    public Optional<TrustBundle> bundle() {
        return current;
    }

    /** The highest {@code spiffe_sequence} seen, unsigned. */
    public synchronized OptionalLong highestSequence() {
        return highestSequence;
    }

    /** When to refresh next: the bundle's {@code spiffe_refresh_hint}, else the configured interval. */
    public Duration nextRefreshIn() {
        return current.flatMap(TrustBundle::refreshHint).orElse(settings.refreshInterval());
    }

    /** Fetches the bundle from the configured source and applies the rules. Never throws for source failures. */
    public RefreshOutcome refresh() {
        return source.map(this::refreshFrom)
                .orElseGet(() -> new RefreshOutcome.Unavailable("no trust bundle source is configured"));
    }

    private synchronized RefreshOutcome refreshFrom(BundleSource from) {
        Optional<byte[]> bytes;
        try {
            bytes = from.fetch();
        } catch (NoSuchFileException e) {
            return new RefreshOutcome.Unavailable(from.describe() + " does not exist");
        } catch (IOException e) {
            return new RefreshOutcome.Unavailable(from.describe() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new RefreshOutcome.Rejected(from.describe() + ": " + e.getMessage());
        }
        if (bytes.isEmpty()) {
            return new RefreshOutcome.Unchanged();
        }
        try {
            return offer(TrustBundle.parse(bytes.get()));
        } catch (IllegalArgumentException e) {
            return new RefreshOutcome.Rejected(from.describe() + ": " + e.getMessage());
        }
    }

    private RefreshOutcome offer(TrustBundle candidate) {
        if (candidate.sequence().isPresent() && highestSequence.isPresent()
                && Long.compareUnsigned(candidate.sequence().getAsLong(), highestSequence.getAsLong()) < 0) {
            LOG.log(Level.WARNING, "refused trust bundle rollback: spiffe_sequence {0} below {1}",
                    Long.toUnsignedString(candidate.sequence().getAsLong()),
                    Long.toUnsignedString(highestSequence.getAsLong()));
            return new RefreshOutcome.Rejected("spiffe_sequence " + Long.toUnsignedString(
                    candidate.sequence().getAsLong()) + " is below the highest seen "
                    + Long.toUnsignedString(highestSequence.getAsLong()));
        }
        if (current.isPresent() && current.get().anchors().equals(candidate.anchors())
                && current.get().refreshHint().equals(candidate.refreshHint())
                && (candidate.sequence().isEmpty() || candidate.sequence().equals(highestSequence))) {
            return new RefreshOutcome.Unchanged();
        }
        if (candidate.sequence().isPresent()) {
            highestSequence = candidate.sequence();
        }
        persist(candidate.withSequence(highestSequence));
        current = Optional.of(candidate);
        anchors = candidate.anchors();
        return new RefreshOutcome.Updated(candidate);
    }

    private void persist(TrustBundle bundle) {
        try {
            byte[] json = bundle.toJson();
            TrustBundle.parse(json); // never persist what a later offline start could not load
            AtomicFile.open(persisted).write(json);
        } catch (IOException | IllegalArgumentException e) {
            // The bundle is still right for this run; only an offline restart would miss it.
            LOG.log(Level.WARNING, "could not persist the trust bundle to {0}: {1}", persisted, e.getMessage());
        }
    }

    private void loadPersisted() {
        if (!Files.exists(persisted)) {
            return;
        }
        try {
            TrustBundle last = TrustBundle.parse(Files.readAllBytes(persisted));
            current = Optional.of(last);
            anchors = last.anchors();
            highestSequence = last.sequence();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring the corrupted last good trust bundle {0}: {1}", persisted,
                    e.getMessage());
        }
    }
}
