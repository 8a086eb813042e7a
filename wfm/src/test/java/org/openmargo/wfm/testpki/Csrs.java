package org.openmargo.wfm.testpki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate signing requests as a device makes them, and broken ones. */
public final class Csrs {
    private Csrs() {
    }

    /**
     * A key pair with its CSR.
     *
     * @param keys the device key pair
     * @param der  the CSR, DER
     */
    public record Csr(KeyPair keys, byte[] der) {
        /** The CSR as one PEM {@code CERTIFICATE REQUEST} block. */
        public String pem() {
            return "-----BEGIN CERTIFICATE REQUEST-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        }
    }

    /** An ECDSA P-256 CSR with a subject the identity service ignores. */
    public static Csr p256() {
        return csr(keys("EC", new ECGenParameterSpec("secp256r1"), 0), "SHA256withECDSA");
    }

    /** An RSA-2048 CSR: too small for MIAF. */
    public static Csr rsa2048() {
        return csr(keys("RSA", null, 2048), "SHA256withRSA");
    }

    /** A P-256 CSR whose signature was damaged after signing. */
    public static Csr badSignature() {
        Csr good = p256();
        byte[] der = good.der().clone();
        der[der.length - 5] ^= 0x01;
        return new Csr(good.keys(), der);
    }

    private static Csr csr(KeyPair keys, String algorithm) {
        try {
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=ignored-subject"), keys.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
            return new Csr(keys, csr.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys(String algorithm, ECGenParameterSpec curve, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(curve);
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
