package org.openmargo.agent.transport;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads PKCS#8 private keys from PEM and checks that a key belongs to a certificate. */
final class PemKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * The key in the single {@code PRIVATE KEY} block of {@code pem}.
     *
     * @param algorithm the leaf's public key algorithm ({@code EC}, {@code RSA}, {@code EdDSA} or {@code Ed25519})
     * @throws IllegalArgumentException if there is no such block, or it is a SEC1, PKCS#1 or encrypted key
     */
    static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            String found = pem.contains("-----BEGIN ") ? " (found " + label(pem) + "; convert it to PKCS#8)" : "";
            throw new IllegalArgumentException("no unencrypted PKCS#8 'PRIVATE KEY' PEM block" + found);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /**
     * Signs a random challenge with {@code key} and verifies it with the leaf's public key.
     *
     * @throws IllegalArgumentException if the key does not belong to the leaf or its algorithm is unsupported
     */
    static void requireMatch(PrivateKey key, X509Certificate leaf) {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            String algorithm = signatureAlgorithm(key.getAlgorithm());
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the leaf certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key does not belong to the leaf certificate: "
                    + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + keyAlgorithm);
        };
    }

    private static String label(String pem) {
        int start = pem.indexOf("-----BEGIN ") + "-----BEGIN ".length();
        int stop = pem.indexOf("-----", start);
        return stop < 0 ? "an unknown block" : "'" + pem.substring(start, stop) + "'";
    }
}
