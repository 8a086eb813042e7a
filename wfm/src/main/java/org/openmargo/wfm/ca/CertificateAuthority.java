package org.openmargo.wfm.ca;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * The certificate authority of the trust domain (spec b.1): its anchors, kept in an {@link AnchorStore} with the keys
 * encrypted, the published trust bundle, issuance of X509-SVIDs and the three-step anchor rotation.
 *
 * <p>{@link #open} creates the first anchor when the store has none (generated with the configured algorithm, or the
 * operator-supplied CA) and decrypts the keys it needs; a wrong passphrase fails there with a
 * {@link CaUnavailableException} naming the anchor. {@link #rotate} is the only writer after that; {@link #refresh}
 * follows what other WFM instances sharing the database wrote. Listeners registered with {@link #onChange} run after
 * every change of either kind, on the caller's thread.
 *
 * <p>Thread safe: readers see an immutable state through a volatile field; rotations and refreshes are serialised.
 */
public final class CertificateAuthority {
    private static final Logger LOG = Logger.getLogger(CertificateAuthority.class.getName());
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final CaSettings settings;
    private final AnchorStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Consumer<CaChange>> listeners = new CopyOnWriteArrayList<>();
    /** Decrypted keys by anchor id: each key costs one slow key derivation per process, not one per step. */
    private final java.util.Map<String, PrivateKey> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile State state;
    /** The last revision {@link #refresh} could not adopt: not tried again until the database moves on. */
    private Optional<Refresh.Refused> refused = Optional.empty();

    /** The loaded anchors: the published certificates, the issuer (with its key) and the bundle bytes. */
    private record State(AnchorStore.Snapshot snapshot, List<X509Certificate> published, List<X509Certificate> chain,
                         Profiles.Issuer issuer, byte[] bundleJson) {
    }

    /**
     * An issued certificate.
     *
     * @param chain    leaf first, then the intermediates up to (not including) the published anchor
     * @param notAfter the leaf's expiry
     */
    public record Issued(List<X509Certificate> chain, Instant notAfter) {
        public Issued {
            chain = List.copyOf(chain);
        }
    }

    private CertificateAuthority(CaSettings settings, AnchorStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Opens the CA over {@code store}, creating the first anchor when there is none.
     *
     * @throws CaUnavailableException when a key does not decrypt or the stored material is unusable
     */
    public static CertificateAuthority open(CaSettings settings, AnchorStore store, Clock clock) {
        CertificateAuthority ca = new CertificateAuthority(settings, store, clock);
        AnchorStore.Snapshot snapshot = store.load().orElseGet(() -> store.initialise(ca.firstAnchor()));
        ca.install(ca.load(snapshot));
        settings.operatorCa().ifPresent(ca::warnIfDifferent);
        return ca;
    }

    /**
     * Runs {@code listener} after every change of the anchors, a local rotation step or one followed from the database
     * (bundle file, own SVID renewal). A listener that throws is logged; the change stands.
     */
    public void onChange(Consumer<CaChange> listener) {
        listeners.add(listener);
    }

    /**
     * Issues an X509-SVID for {@code spiffeId} to {@code subjectKey} under the active anchor; the lifetime is capped by
     * the issuing chain.
     */
    public Issued issue(String spiffeId, PublicKey subjectKey, Duration lifetime) {
        State s = state;
        X509Certificate leaf = Profiles.svid(s.issuer(), subjectKey, spiffeId, clock.instant(), lifetime, random);
        return issued(leaf, s);
    }

    private static Issued issued(X509Certificate leaf, State s) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(s.chain().subList(0, s.chain().size() - 1));
        return new Issued(chain, leaf.getNotAfter().toInstant());
    }

    /** The published SPIFFE bundle JSON (UTF-8): every anchor in state next, active or previous. */
    public byte[] bundleJson() {
        return state.bundleJson().clone();
    }

    /** The published anchor certificates, oldest first. */
    public List<X509Certificate> anchors() {
        return state.published();
    }

    /** The current view for operators. */
    public CaView view() {
        return view(state);
    }

    private CaView view(State s) {
        List<CaView.AnchorInfo> infos = new ArrayList<>();
        String issuing = "";
        for (AnchorStore.StoredAnchor a : s.snapshot().anchors()) {
            if (a.state().published()) {
                X509Certificate anchor = anchorOf(a);
                infos.add(new CaView.AnchorInfo(Fingerprint.of(anchor), a.algorithm(), a.state(),
                        anchor.getNotBefore().toInstant(), anchor.getNotAfter().toInstant()));
                if (a.state() == AnchorState.ACTIVE) {
                    issuing = Fingerprint.of(anchor);
                }
            }
        }
        return new CaView(infos, s.snapshot().sequence(), issuing, s.chain().size() > 1
                || settings.operatorCa().isPresent());
    }

    /**
     * Runs one rotation step (spec b.1): {@code stage} creates the next anchor and publishes it (sequence + 1),
     * {@code activate} makes it the issuer (the old one stays published), {@code finish} drops the previous anchor
     * (sequence + 1). This is the one place where the CA changes after start.
     *
     * <p>Inside a larger transaction (an audited change), the new anchors are used and the listeners run when it
     * commits, and not at all when it rolls back.
     *
     * @return the view after the step
     * @throws RotationConflictException when the step is out of order, or the CA is operator-supplied
     */
    public synchronized CaView rotate(RotationStep step) {
        if (settings.operatorCa().isPresent()) {
            throw new RotationConflictException("the CA is operator-supplied: rotate it in the enterprise PKI; "
                    + "the built-in rotation only rotates anchors this WFM generated");
        }
        AnchorStore.Revision before = state.snapshot().revision();
        AnchorStore.Snapshot next = switch (step) {
            case STAGE -> {
                state.snapshot().in(AnchorState.NEXT).ifPresent(a -> {
                    throw new RotationConflictException("an anchor is already staged: activate it first");
                });
                yield store.stage(generated(AnchorState.NEXT));
            }
            case ACTIVATE -> store.activate();
            case FINISH -> store.finish();
        };
        State loaded = load(next);
        CaView view = view(loaded);
        // Only once the step is durable: it may be part of a larger transaction (with its audit entry).
        store.afterCommit(() -> {
            synchronized (this) {
                install(loaded);
                LOG.info(() -> "CA rotation step '" + step.wireName() + "' done: bundle sequence "
                        + next.sequence() + ", issuing anchor " + view.issuingAnchor());
                notifyListeners(new CaChange(before, next.revision(), Optional.of(step)));
            }
        });
        return view;
    }

    /**
     * Follows rotation steps that another WFM instance sharing the database ran (spec b.1 allows several instances
     * per wfm-id). Reads only the stored {@link AnchorStore.Revision}; when it differs from the one in use, loads the
     * anchors, decrypts the keys it needs with the passphrase this instance started with, replaces the state and runs
     * the {@link #onChange} listeners on the caller's thread. Only reads the database.
     *
     * <p>A revision that cannot be adopted is logged at SEVERE once and answered {@link Refresh.Refused}: the last
     * good anchors stay in use, and it is tried again only when the database's revision moves on.
     *
     * @throws RuntimeException the store's unchecked exception when the database cannot be read; nothing changes
     */
    public synchronized Refresh refresh() {
        AnchorStore.Revision held = state.snapshot().revision();
        Optional<AnchorStore.Revision> stored = store.revision();
        if (stored.isEmpty() || stored.get().equals(held)) {
            return new Refresh.Unchanged(held);
        }
        if (refused.isPresent() && refused.get().stored().equals(stored.get())) {
            return refused.get();
        }
        if (stored.get().sequence() < held.sequence()) {
            return refuse(held, stored.get(), "its bundle sequence " + stored.get().sequence() + " is lower than "
                    + held.sequence() + " (a database restored from a backup?); restart the WFM to adopt it");
        }
        Optional<AnchorStore.Snapshot> snapshot = store.load();
        if (snapshot.isEmpty() || snapshot.get().revision().equals(held)) {
            return new Refresh.Unchanged(held);
        }
        AnchorStore.Revision target = snapshot.get().revision();
        try {
            install(load(snapshot.get()));
        } catch (CaUnavailableException e) {
            return refuse(held, target, e.getMessage());
        }
        refused = Optional.empty();
        CaChange change = new CaChange(held, target, Optional.empty());
        LOG.info(() -> "CA anchors followed from the database: bundle sequence " + held.sequence() + " -> "
                + target.sequence() + ", issuing anchor " + view().issuingAnchor());
        notifyListeners(change);
        return new Refresh.Followed(change);
    }

    private Refresh refuse(AnchorStore.Revision held, AnchorStore.Revision stored, String reason) {
        Refresh.Refused refusal = new Refresh.Refused(held, stored, reason);
        refused = Optional.of(refusal);
        LOG.severe(() -> "cannot follow the CA in the database (bundle sequence " + stored.sequence()
                + ", issuing anchor " + stored.issuingAnchorId() + "): " + reason + ". This WFM keeps bundle sequence "
                + held.sequence() + " and issuing anchor " + held.issuingAnchorId() + " until the database changes "
                + "again or the WFM restarts");
        return refusal;
    }

    /** Makes {@code next} current and forgets the keys it no longer needs (only NEXT and ACTIVE keys are kept). */
    private void install(State next) {
        state = next;
        java.util.Set<String> needed = new java.util.HashSet<>();
        for (AnchorStore.StoredAnchor a : next.snapshot().anchors()) {
            if (a.state() == AnchorState.ACTIVE || a.state() == AnchorState.NEXT) {
                needed.add(a.id());
            }
        }
        keys.keySet().retainAll(needed);
    }

    private void notifyListeners(CaChange change) {
        for (Consumer<CaChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // The change is committed; a follower that failed (a bundle file write) must not undo or hide it.
                LOG.log(java.util.logging.Level.WARNING, "after the CA change (" + change.cause() + ")", e);
            }
        }
    }

    private AnchorStore.StoredAnchor firstAnchor() {
        if (settings.operatorCa().isEmpty()) {
            LOG.info(() -> "creating the " + settings.algorithm().configName() + " CA of trust domain "
                    + settings.trustDomain());
            return generated(AnchorState.ACTIVE);
        }
        OperatorCa ca = settings.operatorCa().get();
        X509Certificate issuing = ca.chain().getFirst();
        LOG.info(() -> "importing the operator-supplied CA " + issuing.getSubjectX500Principal());
        return new AnchorStore.StoredAnchor(Fingerprint.of(issuing), AnchorState.ACTIVE,
                AnchorAlgorithm.describe(issuing.getPublicKey()), der(ca.chain()),
                SealedKey.seal(ca.key(), settings.passphrase(), random), issuing.getNotBefore().toInstant(),
                issuing.getNotAfter().toInstant(), clock.instant());
    }

    private AnchorStore.StoredAnchor generated(AnchorState initialState) {
        Instant now = clock.instant();
        KeyPair keys = settings.algorithm().generate(random);
        // A random suffix keeps two anchors made in the same second apart: path building matches issuers by name.
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        X500Name name = new X500Name("O=OpenMargo,OU=" + settings.trustDomain() + ",CN=OpenMargo CA "
                + NAME_TIME.format(now) + " " + HexFormat.of().formatHex(suffix));
        X509Certificate cert = Profiles.selfSignedCa(keys, name, Optional.of("spiffe://" + settings.trustDomain()),
                now, settings.caLifetime(), random);
        return new AnchorStore.StoredAnchor(Fingerprint.of(cert), initialState, settings.algorithm().configName(),
                der(List.of(cert)), SealedKey.seal(keys.getPrivate(), settings.passphrase(), random),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), now);
    }

    private State load(AnchorStore.Snapshot snapshot) {
        List<X509Certificate> published = new ArrayList<>();
        Profiles.Issuer issuer = null;
        List<X509Certificate> issuingChain = List.of();
        for (AnchorStore.StoredAnchor a : snapshot.anchors()) {
            if (!a.state().published()) {
                continue;
            }
            List<X509Certificate> chain = certificates(a.chain(), a.id());
            published.add(chain.getLast());
            if (a.state() == AnchorState.ACTIVE || a.state() == AnchorState.NEXT) {
                // Decrypt NEXT too: a wrong passphrase must fail at start, not at the later activate.
                PrivateKey key = keys.computeIfAbsent(a.id(), id -> SealedKey.open(a.encryptedKey(),
                        settings.passphrase(), "the CA key of anchor " + id + " (" + a.state().name().toLowerCase(
                                java.util.Locale.ROOT) + ")"));
                if (a.state() == AnchorState.ACTIVE) {
                    issuer = new Profiles.Issuer(chain.getFirst(), key, earliestExpiry(chain));
                    issuingChain = chain;
                }
            }
        }
        if (issuer == null) {
            throw new CaUnavailableException("the CA has no active anchor in the database");
        }
        return new State(snapshot, List.copyOf(published), issuingChain, issuer,
                BundleJson.of(published, snapshot.sequence(), settings.bundleRefreshHint()));
    }

    private void warnIfDifferent(OperatorCa configured) {
        if (!state.chain().getFirst().equals(configured.chain().getFirst())) {
            LOG.warning(() -> "wfm.identity-service.ca-certificate differs from the CA in the database ("
                    + view().issuingAnchor() + "); the database's CA stays in use (a configured CA is imported only "
                    + "into an empty database)");
        }
    }

    private static Instant earliestExpiry(List<X509Certificate> chain) {
        return chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    }

    private static X509Certificate anchorOf(AnchorStore.StoredAnchor a) {
        return certificates(a.chain(), a.id()).getLast();
    }

    static List<X509Certificate> certificates(byte[] der, String what) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new CaUnavailableException("the stored certificate chain of " + what + " is unreadable", e);
        }
    }

    static byte[] der(List<X509Certificate> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (X509Certificate c : chain) {
                out.writeBytes(c.getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded", e);
        }
        return out.toByteArray();
    }
}
