package org.openmargo.wfm.ca;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * The long-lived root that issues the MIS listener's TLS certificate (docs/identity-service.md). It is deliberately
 * not a trust-domain anchor, so it can never authenticate an SVID; devices pin it ({@link #pin()}) to bootstrap trust.
 * Created on first start with an ECDSA P-256 key, stored like the CA (key encrypted). Thread safe.
 */
public final class MisTlsRoot {
    private static final Duration LIFETIME = Duration.ofDays(3650);

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private MisTlsRoot(X509Certificate certificate, PrivateKey key, Clock clock) {
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Loads the root from {@code store}, creating it on first start.
     *
     * @throws CaUnavailableException when its key does not decrypt with {@code passphrase}
     */
    public static MisTlsRoot open(AnchorStore store, char[] passphrase, String trustDomain, Clock clock) {
        AnchorStore.StoredKeyPair stored = store.misTlsRoot().orElseGet(() -> {
            SecureRandom random = new SecureRandom();
            KeyPair keys = AnchorAlgorithm.ES256.generate(random);
            X509Certificate cert = Profiles.selfSignedCa(keys,
                    new X500Name("O=OpenMargo,OU=" + trustDomain + ",CN=OpenMargo MIS TLS root"), Optional.empty(),
                    clock.instant(), LIFETIME, random);
            try {
                return store.initialiseMisTlsRoot(new AnchorStore.StoredKeyPair(cert.getEncoded(),
                        SealedKey.seal(keys.getPrivate(), passphrase, random)));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
        X509Certificate cert = CertificateAuthority.certificates(stored.certificate(), "the MIS TLS root").getFirst();
        PrivateKey key = SealedKey.open(stored.encryptedKey(), passphrase,
                "the key of the MIS TLS root " + Fingerprint.of(cert));
        return new MisTlsRoot(cert, key, clock);
    }

    /** The root certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The pin devices configure: {@code sha256:<hex of the root's DER>}. */
    public String pin() {
        return Fingerprint.of(certificate);
    }

    /**
     * A TLS server certificate for {@code names} (DNS names, and IP literals where {@code isIp} says so), leaf only.
     */
    public X509Certificate issueServer(PublicKey subject, List<String> names, boolean[] isIp, Duration lifetime) {
        Instant now = clock.instant();
        return Profiles.tlsServer(new Profiles.Issuer(certificate, key, certificate.getNotAfter().toInstant()), subject,
                names, isIp, now, lifetime, random);
    }
}
