package org.openmargo.wfm.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/** Writes a SPIFFE trust bundle (a JWK Set with {@code x509-svid} keys) for EC P-256 anchors. */
final class SpiffeBundleJson {
    private SpiffeBundleJson() {
    }

    static String of(X509Certificate anchor, long sequence, Duration refreshHint) throws CertificateEncodingException {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        ECPublicKey key = (ECPublicKey) anchor.getPublicKey();
        JsonObjectBuilder jwk = Json.createObjectBuilder()
                .add("kty", "EC")
                .add("crv", "P-256")
                .add("x", url.encodeToString(fixed(key.getW().getAffineX().toByteArray())))
                .add("y", url.encodeToString(fixed(key.getW().getAffineY().toByteArray())))
                .add("use", "x509-svid")
                .add("x5c", Json.createArrayBuilder().add(Base64.getEncoder().encodeToString(anchor.getEncoded())));
        JsonArrayBuilder keys = Json.createArrayBuilder().add(jwk);
        return Json.createObjectBuilder()
                .add("spiffe_sequence", sequence)
                .add("spiffe_refresh_hint", refreshHint.toSeconds())
                .add("keys", keys)
                .build().toString() + "\n";
    }

    /** A P-256 coordinate as exactly 32 big-endian bytes (BigInteger may add a sign byte or drop leading zeros). */
    private static byte[] fixed(byte[] raw) {
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return Arrays.copyOf(out, 32);
    }
}
