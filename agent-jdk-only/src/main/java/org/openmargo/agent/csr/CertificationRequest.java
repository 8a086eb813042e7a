package org.openmargo.agent.csr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A PKCS#10 certification request (RFC 2986) built by hand, because the JDK has no public CSR API.
 *
 * <p>Only what enrollment needs: an EC key signed with {@code ecdsa-with-SHA256} (the JDK's DER-encoded signature), a
 * subject {@code CN=<commonName>} as UTF8String, and optionally an {@code extensionRequest} attribute carrying one
 * URI subjectAltName. The WFM ignores the subject and the SANs (it names the SVID itself, see
 * {@code docs/identity-service.md}); both are advisory, so an operator reading the CSR with {@code openssl req -text}
 * sees which device it is from.
 *
 * @param der the DER encoding
 */
public record CertificationRequest(byte[] der) {
    /** The longest common name X.520 allows ({@code ub-common-name}). */
    public static final int MAX_COMMON_NAME = 64;
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final int URI_NAME = 6;

    public CertificationRequest {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /**
     * Builds and signs a request for {@code keys}.
     *
     * @param commonName the subject's CN, 1 to {@value #MAX_COMMON_NAME} characters
     * @param uriSan     an advisory URI subjectAltName (US-ASCII), for example the SPIFFE ID the device expects
     * @throws IllegalArgumentException if the key is not EC, or the name or URI is unusable
     */
    public static CertificationRequest create(KeyPair keys, String commonName, Optional<String> uriSan) {
        if (!(keys.getPublic() instanceof ECPublicKey)) {
            throw new IllegalArgumentException("only EC keys are supported, not " + keys.getPublic().getAlgorithm());
        }
        if (commonName.isEmpty() || commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("the common name must have 1 to " + MAX_COMMON_NAME
                    + " characters: '" + commonName + "'");
        }
        byte[] subject = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
        byte[] attributes = uriSan.map(uri -> Der.contextConstructed(0, extensionRequest(uri)))
                .orElseGet(() -> Der.contextConstructed(0));
        // SubjectPublicKeyInfo is exactly what the JDK's X.509 encoding of the public key is.
        byte[] info = Der.sequence(Der.integer(BigInteger.ZERO), subject, keys.getPublic().getEncoded(), attributes);
        byte[] signature = sign(keys, info);
        return new CertificationRequest(Der.sequence(info, Der.sequence(Der.oid(ECDSA_WITH_SHA256)),
                Der.bitString(signature)));
    }

    /** The request as a {@code CERTIFICATE REQUEST} PEM block with 64-character lines and a final newline. */
    public String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static byte[] extensionRequest(String uri) {
        // GeneralName uniformResourceIdentifier is [6] IMPLICIT IA5String.
        byte[] generalNames = Der.sequence(Der.contextPrimitive(URI_NAME, Der.ascii(uri)));
        byte[] extension = Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(generalNames));
        return Der.sequence(Der.oid(EXTENSION_REQUEST), Der.set(Der.sequence(extension)));
    }

    private static byte[] sign(KeyPair keys, byte[] info) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(info);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign the request: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificationRequest request && Arrays.equals(der, request.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "CertificationRequest[" + der.length + " bytes]";
    }
}
