package org.openmargo.wfm.crypto;

import java.security.Provider;
import java.security.Security;

/**
 * A JCA provider with exactly three services, the X25519/X448 key exchange ({@code XDH}: key pair generator, key
 * agreement, key factory), implemented by BouncyCastle; installed ahead of the JDK's providers so that the JDK's
 * TLS 1.3 (JSSE) makes its {@code x25519} key share with it. Everything else (ECDSA, AES-GCM, HKDF, SHA-2, PKIX)
 * stays with the JDK's providers, whose intrinsics are faster than BouncyCastle's Java for those.
 *
 * <p>Why: X25519 is paid on every device connection, resumed ones too (TLS 1.3 resumption with {@code psk_dhe_ke},
 * the only mode the JDK offers), and the JDK's own implementation was the largest single cost of a resumed poll
 * (about a third of the WFM's samples in a profile). BouncyCastle's takes about half its time
 * (benchmarks/README.md, "Cheaper TLS per poll"). The result is the same bytes: RFC 7748's test vectors pass through
 * this provider ({@code X25519ProviderTest}).
 *
 * <p>Only the names the JDK's TLS asks for are registered ({@code XDH}, {@code X25519}, {@code X448}); code that
 * names a provider explicitly is unaffected.
 */
public final class X25519Provider extends Provider {
    /** The provider's name in {@link Security#getProviders()}. */
    public static final String NAME = "OpenMargoXDH";
    private static final String EDEC = "org.bouncycastle.jcajce.provider.asymmetric.edec.";

    private X25519Provider() {
        super(NAME, "1", "X25519/X448 key exchange (XDH) implemented by BouncyCastle");
        for (String algorithm : new String[] {"XDH", "X25519", "X448"}) {
            register("KeyPairGenerator", algorithm, EDEC + "KeyPairGeneratorSpi$" + algorithm);
            register("KeyAgreement", algorithm, EDEC + "KeyAgreementSpi$" + algorithm);
            register("KeyFactory", algorithm, EDEC + "KeyFactorySpi$" + algorithm);
        }
    }

    private void register(String type, String algorithm, String className) {
        putService(new Service(this, type, algorithm, className, null, null));
    }

    /**
     * Puts the provider first in the JVM's list unless it is already there. Idempotent and thread-safe; call before
     * the first TLS context is created (later handshakes pick it up too, as the JDK looks services up per handshake).
     */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new X25519Provider(), 1);
        }
    }
}
