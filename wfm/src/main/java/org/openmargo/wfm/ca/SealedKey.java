package org.openmargo.wfm.ca;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Private keys encrypted at rest: PKCS#8 EncryptedPrivateKeyInfo with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, a random
 * salt and IV per key). Stateless and thread safe.
 */
final class SealedKey {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; a start decrypts only a handful of keys. */
    static final int ITERATIONS = 600_000;
    /** PBES2 (RFC 8018) with PBKDF2-HMAC-SHA256 and AES-256-CBC, as the JDK names it. */
    private static final String SCHEME = "PBEWithHmacSHA256AndAES_256";

    private SealedKey() {
    }

    /** {@code key} encrypted with {@code passphrase}: DER of an EncryptedPrivateKeyInfo. */
    static byte[] seal(PrivateKey key, char[] passphrase, SecureRandom random) {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(SCHEME);
            cipher.init(Cipher.ENCRYPT_MODE, secret(passphrase),
                    new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv)), random);
            // Re-typed as "PBES2" so that the info carries the PBES2 OID (1.2.840.113549.1.5.13).
            AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
            pbes2.init(cipher.getParameters().getEncoded());
            return new EncryptedPrivateKeyInfo(pbes2, cipher.doFinal(key.getEncoded())).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encrypt a private key: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a key sealed by {@link #seal}.
     *
     * @param what names the key in the error, e.g. {@code "the CA key of anchor sha256:..."}
     * @throws CaUnavailableException when the passphrase is wrong or the bytes are not an encrypted key
     */
    static PrivateKey open(byte[] sealed, char[] passphrase, String what) {
        PKCS8EncodedKeySpec spec;
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(sealed);
            // The JDK names PBES2 parameters by their scheme (as its PKCS12 key store relies on).
            Cipher cipher = Cipher.getInstance(info.getAlgParameters().toString());
            cipher.init(Cipher.DECRYPT_MODE, secret(passphrase), info.getAlgParameters());
            spec = info.getKeySpec(cipher);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new CaUnavailableException("cannot decrypt " + what + " with the configured passphrase "
                    + "(wrong 'wfm.identity-service.ca-key-passphrase', or a different <data-dir>/pki/ca-key-passphrase "
                    + "than the one it was created with)");
        }
        return privateKey(spec.getEncoded());
    }

    private static SecretKey secret(char[] passphrase) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance(SCHEME).generateSecret(new PBEKeySpec(passphrase));
    }

    /** A JDK private key from PKCS#8 DER: EC, RSA or Ed25519. */
    static PrivateKey privateKey(byte[] pkcs8) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new CaUnavailableException("a PKCS#8 key that is not EC, RSA or Ed25519");
    }
}
