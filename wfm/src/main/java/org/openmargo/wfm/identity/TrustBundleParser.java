package org.openmargo.wfm.identity;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a trust bundle in one of two forms, told apart by the first non-blank character:
 * <ul>
 *     <li>a SPIFFE bundle (a JWK Set, {@code {...}}): only keys with {@code "use":"x509-svid"} count, each anchor is
 *     the base64 DER in {@code x5c[0]}; {@code jwt-svid} and other keys are ignored (spec b.1);</li>
 *     <li>a PEM file with one or more {@code CERTIFICATE} blocks (no sequence, no refresh hint).</li>
 * </ul>
 * Every failure is an {@link InvalidTrustBundleException} whose message names the file and the reason. A bundle with
 * no x509 anchor fails (fail closed). Stateless and thread safe.
 */
final class TrustBundleParser {
    private static final int MAX_BYTES = 1 << 20;

    private TrustBundleParser() {
    }

    static TrustBundle parse(Path source, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new InvalidTrustBundleException(source, "larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new InvalidTrustBundleException(source, "file is empty");
        }
        return text.charAt(0) == '{' ? parseJson(source, text) : parsePem(source, text);
    }

    private static TrustBundle parseJson(Path source, String text) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidTrustBundleException(source, "not a JSON object: " + e.getMessage());
        }
        JsonValue keys = root.get("keys");
        if (!(keys instanceof JsonArray array)) {
            throw new InvalidTrustBundleException(source, "member 'keys' must be an array");
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject key)) {
                throw new InvalidTrustBundleException(source, "keys[" + i + "] is not an object");
            }
            if ("x509-svid".equals(key.getString("use", null))) {
                anchors.add(anchorOf(source, key, i));
            }
        }
        if (anchors.isEmpty()) {
            throw new InvalidTrustBundleException(source, "no key with \"use\":\"x509-svid\" (fail closed)");
        }
        return new TrustBundle(anchors, sequence(source, root), refreshHint(source, root));
    }

    private static X509Certificate anchorOf(Path source, JsonObject key, int index) {
        JsonValue x5c = key.get("x5c");
        // SPIFFE bundle format: an x509-svid key carries exactly one certificate, the authority itself.
        if (!(x5c instanceof JsonArray chain) || chain.size() != 1 || !(chain.get(0) instanceof JsonString der)) {
            throw new InvalidTrustBundleException(source, "keys[" + index + "].x5c must hold exactly one string");
        }
        try {
            return certificate(Base64.getMimeDecoder().decode(der.getString()));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new InvalidTrustBundleException(source, "keys[" + index + "].x5c[0] is not a base64 DER "
                    + "certificate: " + e.getMessage());
        }
    }

    private static OptionalLong sequence(Path source, JsonObject root) {
        JsonValue value = root.get("spiffe_sequence");
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw new InvalidTrustBundleException(source, "spiffe_sequence must be a non-negative integer");
        }
        return OptionalLong.of(number.longValue());
    }

    private static Optional<Duration> refreshHint(Path source, JsonObject root) {
        JsonValue value = root.get("spiffe_refresh_hint");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
            throw new InvalidTrustBundleException(source, "spiffe_refresh_hint must be a positive integer");
        }
        return Optional.of(Duration.ofSeconds(number.longValue()));
    }

    private static TrustBundle parsePem(Path source, String text) {
        List<X509Certificate> anchors = new ArrayList<>();
        try {
            for (byte[] der : Pem.blocks(text, "CERTIFICATE")) {
                anchors.add(certificate(der));
            }
        } catch (IllegalArgumentException | CertificateException e) {
            throw new InvalidTrustBundleException(source, "bad PEM: " + e.getMessage());
        }
        if (anchors.isEmpty()) {
            throw new InvalidTrustBundleException(source, "neither a SPIFFE bundle nor a PEM file with a "
                    + "CERTIFICATE block (fail closed)");
        }
        return new TrustBundle(anchors, OptionalLong.empty(), Optional.empty());
    }

    private static X509Certificate certificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
