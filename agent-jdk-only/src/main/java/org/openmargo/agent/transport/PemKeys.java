package org.openmargo.agent.transport;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** Reads PKCS#8 and SEC1 private keys from PEM and checks that a key belongs to a certificate. */
final class PemKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final String BEGIN_SEC1 = "-----BEGIN EC PRIVATE KEY-----";
    private static final String END_SEC1 = "-----END EC PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * The key in the {@code PRIVATE KEY} (PKCS#8) block of {@code pem}, or else in its {@code EC PRIVATE KEY} (SEC1,
     * what {@code openssl ecparam -genkey} writes) block; any {@code EC PARAMETERS} block beside it is ignored.
     *
     * @param leafKey the leaf's public key: its algorithm ({@code EC}, {@code RSA}, {@code EdDSA} or {@code Ed25519})
     *                reads a PKCS#8 key, its curve a SEC1 key
     * @throws IllegalArgumentException if there is no such block, or it is a PKCS#1 or encrypted key
     */
    static PrivateKey privateKey(String pem, PublicKey leafKey) throws GeneralSecurityException {
        Optional<byte[]> pkcs8 = block(pem, BEGIN, END);
        if (pkcs8.isPresent()) {
            return KeyFactory.getInstance(leafKey.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8.get()));
        }
        Optional<byte[]> sec1 = block(pem, BEGIN_SEC1, END_SEC1);
        if (sec1.isPresent()) {
            return Sec1Key.parse(sec1.get(), leafKey);
        }
        String found = pem.contains("-----BEGIN ") ? " (found " + label(pem) + "; convert it to PKCS#8)" : "";
        throw new IllegalArgumentException("no unencrypted PKCS#8 'PRIVATE KEY' or SEC1 'EC PRIVATE KEY' PEM block"
                + found);
    }

    /** The decoded body between {@code begin} and {@code end}; a block with RFC 1421 headers is encrypted. */
    private static Optional<byte[]> block(String pem, String begin, String end) {
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            return Optional.empty();
        }
        String body = pem.substring(from + begin.length(), to);
        if (body.contains(":")) {
            throw new IllegalArgumentException("the key is encrypted (PEM headers such as Proc-Type); the agent "
                    + "reads unencrypted keys only (protect the file with its permissions)");
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key block is not Base64: " + e.getMessage(), e);
        }
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
