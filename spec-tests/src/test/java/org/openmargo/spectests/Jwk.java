package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading the keys of a SPIFFE bundle (a JWK Set, RFC 7517) as the suite checks them. */
final class Jwk {
    private Jwk() {
    }

    /** Whether {@code key} is a JSON object with {@code "use": "x509-svid"}, the only keys MIAF uses (spec b.1). */
    static boolean isX509Svid(JsonValue key) {
        return key instanceof JsonObject o && o.get("use") instanceof JsonString s && s.getString().equals("x509-svid");
    }

    /** {@code x5c[0]} of an x509-svid key: standard (not URL-safe) base64 of a DER certificate (RFC 7517 4.7). */
    static X509Certificate firstCertificate(JsonObject key) throws CertificateException {
        JsonValue x5c = key.get("x5c");
        assertThat(x5c).as("x5c of %s", key).isInstanceOf(JsonArray.class);
        JsonArray array = x5c.asJsonArray();
        assertThat(array).as("x5c of %s", key).isNotEmpty();
        assertThat(array.get(0)).as("x5c[0] of %s", key).isInstanceOf(JsonString.class);
        byte[] der = Base64.getDecoder().decode(array.getString(0));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * Asserts that the key's public key members are the certificate's key (RFC 7517 4.7: "the key in the first
     * certificate MUST match the public key represented by other members of the JWK"): EC (RFC 7518 6.2, coordinates
     * of the full field length), RSA (6.3) and OKP Ed25519 (RFC 8037).
     */
    static void assertMatches(JsonObject key, X509Certificate certificate) {
        String kty = key.getString("kty", null);
        switch (certificate.getPublicKey()) {
            case ECPublicKey ec -> {
                int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                assertThat(kty).isEqualTo("EC");
                assertThat(key.getString("crv", null)).isEqualTo(size == 32 ? "P-256" : size == 48 ? "P-384" : "P-521");
                byte[] x = member(key, "x");
                byte[] y = member(key, "y");
                assertThat(x).as("x of %s", key).hasSize(size);
                assertThat(y).as("y of %s", key).hasSize(size);
                assertThat(new BigInteger(1, x)).isEqualTo(ec.getW().getAffineX());
                assertThat(new BigInteger(1, y)).isEqualTo(ec.getW().getAffineY());
            }
            case RSAPublicKey rsa -> {
                assertThat(kty).isEqualTo("RSA");
                assertThat(new BigInteger(1, member(key, "n"))).isEqualTo(rsa.getModulus());
                assertThat(new BigInteger(1, member(key, "e"))).isEqualTo(rsa.getPublicExponent());
            }
            default -> {
                if (!certificate.getPublicKey().getAlgorithm().matches("Ed25519|EdDSA")) {
                    fail("anchor key algorithm %s is none the spec allows", certificate.getPublicKey().getAlgorithm());
                }
                assertThat(kty).isEqualTo("OKP");
                assertThat(key.getString("crv", null)).isEqualTo("Ed25519");
                byte[] spki = certificate.getPublicKey().getEncoded();
                assertThat(member(key, "x")).isEqualTo(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
            }
        }
    }

    private static byte[] member(JsonObject key, String name) {
        JsonValue value = key.get(name);
        assertThat(value).as("%s of %s", name, key).isInstanceOf(JsonString.class);
        return Base64.getUrlDecoder().decode(((JsonString) value).getString());
    }
}
