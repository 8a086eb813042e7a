package org.openmargo.agent.csr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** The device's key pair: ECDSA P-256 (the algorithm MIAF makes mandatory), generated on the device, never sent. */
public final class DeviceKey {
    private DeviceKey() {
    }

    /** A fresh P-256 key pair from {@code random}. */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no EC P-256 key generator: " + e.getMessage(), e);
        }
    }

    /** {@code key} as an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block (what the agent's SVID loader reads). */
    public static byte[] pkcs8Pem(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the key has no PKCS#8 encoding but " + key.getFormat());
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
