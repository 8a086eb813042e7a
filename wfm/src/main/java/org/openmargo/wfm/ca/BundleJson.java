package org.openmargo.wfm.ca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * Writes a SPIFFE trust bundle: a JWK Set whose keys have {@code "use":"x509-svid"} and the anchor as the single
 * {@code x5c} entry, with {@code spiffe_sequence} and {@code spiffe_refresh_hint} (seconds). The public key members
 * are those of RFC 7517/7518/8037 for EC P-256 and P-384, Ed25519 ({@code OKP}) and RSA.
 */
final class BundleJson {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private BundleJson() {
    }

    static byte[] of(List<X509Certificate> anchors, long sequence, Duration refreshHint) {
        JsonArrayBuilder keys = Json.createArrayBuilder();
        for (X509Certificate anchor : anchors) {
            keys.add(jwk(anchor));
        }
        String json = Json.createObjectBuilder()
                .add("spiffe_sequence", sequence)
                .add("spiffe_refresh_hint", Math.max(1, refreshHint.toSeconds()))
                .add("keys", keys)
                .build().toString() + "\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder jwk(X509Certificate anchor) {
        JsonObjectBuilder jwk = Json.createObjectBuilder();
        switch (anchor.getPublicKey()) {
            case ECPublicKey ec -> {
                int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                jwk.add("kty", "EC").add("crv", size == 32 ? "P-256" : size == 48 ? "P-384" : "P-521")
                        .add("x", URL.encodeToString(fixed(ec.getW().getAffineX(), size)))
                        .add("y", URL.encodeToString(fixed(ec.getW().getAffineY(), size)));
            }
            case RSAPublicKey rsa -> jwk.add("kty", "RSA")
                    .add("n", URL.encodeToString(unsigned(rsa.getModulus())))
                    .add("e", URL.encodeToString(unsigned(rsa.getPublicExponent())));
            default -> {
                // Ed25519: the raw 32-byte key is the end of the SubjectPublicKeyInfo (RFC 8410).
                byte[] spki = anchor.getPublicKey().getEncoded();
                jwk.add("kty", "OKP").add("crv", "Ed25519")
                        .add("x", URL.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
            }
        }
        try {
            return jwk.add("use", "x509-svid")
                    .add("x5c", Json.createArrayBuilder().add(Base64.getEncoder().encodeToString(anchor.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("an anchor certificate cannot be encoded", e);
        }
    }

    /** A coordinate as exactly {@code size} big-endian bytes (BigInteger may add a sign byte or drop leading zeros). */
    private static byte[] fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int n = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - n, out, size - n, n);
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        return raw[0] == 0 && raw.length > 1 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }
}
