package org.openmargo.wfm.identity;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.List;
import java.util.Optional;

/**
 * The key rule of spec b.1 for every X.509-SVID key the WFM accepts, in a CSR or presented in a handshake: ECDSA
 * P-256 or P-384, Ed25519, or RSA of {@value #MIN_RSA_BITS} to {@value #MAX_RSA_BITS} bits. Stateless.
 */
public final class SvidKey {
    /** Smallest RSA modulus allowed (spec b.1). */
    public static final int MIN_RSA_BITS = 3072;
    /** Largest RSA modulus accepted (bounds the cost of a signature check). */
    public static final int MAX_RSA_BITS = 8192;
    private static final List<ECParameterSpec> CURVES = List.of(named("secp256r1"), named("secp384r1"));

    private SvidKey() {
    }

    private static ECParameterSpec named(String curve) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + curve, e);
        }
    }

    private static boolean same(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder());
    }

    /** Why {@code key} is not allowed, or empty when it is. */
    public static Optional<String> problem(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> {
                int bits = rsa.getModulus().bitLength();
                yield bits < MIN_RSA_BITS || bits > MAX_RSA_BITS
                        ? Optional.of("the RSA key has " + bits + " bits; allowed are " + MIN_RSA_BITS + " to "
                        + MAX_RSA_BITS)
                        : Optional.empty();
            }
            case ECPublicKey ec -> CURVES.stream().anyMatch(c -> same(c, ec.getParams())) ? Optional.empty()
                    : Optional.of("the EC key is on a " + ec.getParams().getCurve().getField().getFieldSize()
                    + "-bit curve other than P-256 and P-384");
            case EdECPublicKey ed -> ed.getParams() instanceof NamedParameterSpec spec
                    && spec.getName().equalsIgnoreCase("Ed25519")
                    ? Optional.empty() : Optional.of("the EdDSA key is not Ed25519");
            default -> Optional.of("the key algorithm " + key.getAlgorithm() + " is not allowed; use ECDSA P-256 or "
                    + "P-384, Ed25519, or RSA of at least " + MIN_RSA_BITS + " bits");
        };
    }
}
