package org.openmargo.wfm.identityservice;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import org.openmargo.wfm.ca.MisTlsRoot;
import org.openmargo.wfm.identity.SvidKeyManager;

/**
 * Server-authenticated TLS of the MIS listener (no client certificate). Either a certificate for the configured DNS
 * names and IP addresses, issued in memory by the {@link MisTlsRoot} and renewed after two thirds of its lifetime (the
 * listener presents leaf and root, so a device can pin the root and still check the host name), or an
 * operator-supplied certificate and key read from files (no pin, no renewal: replace the files and restart).
 */
final class MisTls {
    /** Lifetime of a generated listener certificate. */
    static final Duration LIFETIME = Duration.ofDays(30);

    private final SvidKeyManager keys;
    private final Optional<MisTlsRoot> root;
    private final List<String> names;
    private final Clock clock;
    private volatile Renewal.Validity validity;

    private MisTls(SvidKeyManager keys, Optional<MisTlsRoot> root, List<String> names, Clock clock,
                   Renewal.Validity validity) {
        this.keys = keys;
        this.root = root;
        this.names = names;
        this.clock = clock;
        this.validity = validity;
    }

    /** A listener certificate issued by {@code root} for {@code names}. */
    static MisTls issued(MisTlsRoot root, List<String> names, Clock clock) {
        Issued first = issue(root, names, clock);
        return new MisTls(SvidKeyManager.of(first.chain(), first.key().getPrivate()), Optional.of(root), names,
                clock, first.validity());
    }

    /** The operator's certificate chain and key files. */
    static MisTls fromFiles(Path chain, Path key, Clock clock) {
        return new MisTls(SvidKeyManager.fromFiles(chain, key), Optional.empty(), List.of(), clock, null);
    }

    private record Issued(List<X509Certificate> chain, KeyPair key, Renewal.Validity validity) {
    }

    private static Issued issue(MisTlsRoot r, List<String> names, Clock clock) {
        KeyPair pair = WfmCredential.newKey();
        boolean[] isIp = new boolean[names.size()];
        for (int i = 0; i < isIp.length; i++) {
            isIp[i] = names.get(i).matches("[0-9.]+") || names.get(i).contains(":");
        }
        X509Certificate leaf = r.issueServer(pair.getPublic(), names, isIp, LIFETIME);
        return new Issued(List.of(leaf, r.certificate()), pair,
                new Renewal.Validity(clock.instant(), leaf.getNotAfter().toInstant()));
    }

    /** The pins devices configure: the root's fingerprint, or none for an operator-supplied certificate. */
    List<String> pins() {
        return root.map(r -> List.of(r.pin())).orElse(List.of());
    }

    /** The chain presented now, leaf first. */
    List<X509Certificate> chain() {
        return keys.chain();
    }

    /** Helidon TLS for the listener: TLS 1.3 and 1.2, no client authentication. */
    Tls tls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, new SecureRandom());
            return Tls.builder().sslContext(context).enabledProtocols(List.of("TLSv1.3", "TLSv1.2"))
                    .clientAuth(TlsClientAuth.NONE).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the MIS listener's TLS context: " + e.getMessage(), e);
        }
    }

    /** Starts renewing a generated certificate; nothing to do for an operator-supplied one. */
    void startRenewal(ScheduledExecutorService executor, RenewalCounts counts) {
        if (root.isPresent()) {
            new Renewal("the MIS listener certificate", this::renewNow, executor, clock, counts).start(validity);
        }
    }

    private synchronized Renewal.Validity renewNow() {
        Issued fresh = issue(root.orElseThrow(), names, clock);
        keys.swap(fresh.chain(), fresh.key().getPrivate());
        validity = fresh.validity();
        return validity;
    }
}
