package org.openmargo.wfm.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * Key algorithms of trust-domain anchors ({@code wfm.identity-service.algorithm}), with the signature each one makes:
 * ECDSA P-256 with SHA-256 (the default), P-384 with SHA-384, Ed25519, and RSA 3072 with SHA-256.
 */
public enum AnchorAlgorithm {
    ES256("ES256"),
    ES384("ES384"),
    ED25519("Ed25519"),
    RSA_3072("RSA-3072");

    private final String configName;

    AnchorAlgorithm(String configName) {
        this.configName = configName;
    }

    /** The configuration value naming this algorithm. */
    public String configName() {
        return configName;
    }

    /**
     * The algorithm named {@code configName}.
     *
     * @throws IllegalArgumentException when no algorithm has that name
     */
    public static AnchorAlgorithm of(String configName) {
        for (AnchorAlgorithm a : values()) {
            if (a.configName.equals(configName)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown anchor algorithm '" + configName + "'");
    }

    /** A fresh key pair of this algorithm. */
    KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = switch (this) {
                case ES256, ES384 -> KeyPairGenerator.getInstance("EC");
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
                case RSA_3072 -> KeyPairGenerator.getInstance("RSA");
            };
            switch (this) {
                case ES256 -> g.initialize(new ECGenParameterSpec("secp256r1"), random);
                case ES384 -> g.initialize(new ECGenParameterSpec("secp384r1"), random);
                case RSA_3072 -> g.initialize(3072, random);
                case ED25519 -> {
                    // Ed25519 has no parameters.
                }
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + configName + " keys", e);
        }
    }

    /** The name of a public key's algorithm in this enum's terms ({@code RSA-<bits>} for RSA, {@code EC-<bits>}). */
    static String describe(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> ES256.configName;
                case 384 -> ES384.configName;
                default -> "EC-" + ec.getParams().getCurve().getField().getFieldSize();
            };
            case RSAPublicKey rsa -> "RSA-" + rsa.getModulus().bitLength();
            default -> key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")
                    ? ED25519.configName : key.getAlgorithm();
        };
    }

    /** The JCA signature algorithm an issuer with this public key signs with. */
    static String signatureAlgorithm(PublicKey issuerKey) {
        return switch (issuerKey) {
            case ECPublicKey ec -> switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> "SHA256withECDSA";
                case 384 -> "SHA384withECDSA";
                default -> "SHA512withECDSA";
            };
            case RSAPublicKey rsa -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }
}
