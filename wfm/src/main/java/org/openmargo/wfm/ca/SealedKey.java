package org.openmargo.wfm.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;

/**
 * Private keys encrypted at rest: PKCS#8 EncryptedPrivateKeyInfo with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, a random
 * salt and IV per key). Stateless and thread safe.
 */
final class SealedKey {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; a start decrypts only a handful of keys. */
    static final int ITERATIONS = 600_000;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private SealedKey() {
    }

    /** {@code key} encrypted with {@code passphrase}: DER of an EncryptedPrivateKeyInfo. */
    static byte[] seal(PrivateKey key, char[] passphrase, SecureRandom random) {
        try {
            JceOpenSSLPKCS8EncryptorBuilder builder = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC);
            builder.setPRF(PKCS8Generator.PRF_HMACSHA256);
            builder.setIterationCount(ITERATIONS);
            builder.setRandom(random);
            builder.setPassword(passphrase);
            builder.setProvider(BC);
            return new JcaPKCS8EncryptedPrivateKeyInfoBuilder(key).build(builder.build()).getEncoded();
        } catch (OperatorCreationException | IOException e) {
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
        PrivateKeyInfo info;
        try {
            info = new PKCS8EncryptedPrivateKeyInfo(sealed).decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase));
        } catch (PKCSException | OperatorCreationException | IOException | RuntimeException e) {
            throw new CaUnavailableException("cannot decrypt " + what + " with the configured passphrase "
                    + "(wrong 'wfm.identity-service.ca-key-passphrase', or a different <data-dir>/pki/ca-key-passphrase "
                    + "than the one it was created with)");
        }
        try {
            return privateKey(info.getEncoded());
        } catch (IOException e) {
            throw new CaUnavailableException(what + " is not a PKCS#8 key", e);
        }
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
