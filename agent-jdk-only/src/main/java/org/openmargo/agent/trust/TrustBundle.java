package org.openmargo.agent.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/**
 * An accepted set of X.509 trust anchors (spec b.1, "Trust bundle and discovery").
 *
 * <p>Two formats are read: a SPIFFE bundle (a JWK Set; only keys with {@code "use":"x509-svid"} count, each anchor is
 * {@code x5c[0]}; {@code spiffe_sequence} and {@code spiffe_refresh_hint} are optional), or PEM {@code CERTIFICATE}
 * blocks (operator delivery; no sequence, no hint). Every anchor must be a CA certificate, and a bundle without
 * anchors is refused (fail closed). An {@code x509-svid} key without a readable {@code x5c[0]} fails the whole bundle
 * rather than being skipped, because a half-read bundle would silently drop an anchor.
 *
 * @param anchors     the anchors, in bundle order, at least one
 * @param sequence    {@code spiffe_sequence} as an unsigned 64-bit value, when present
 * @param refreshHint {@code spiffe_refresh_hint}, when present and positive
 */
public record TrustBundle(List<X509Certificate> anchors, OptionalLong sequence, Optional<Duration> refreshHint) {
    public TrustBundle {
        anchors = List.copyOf(anchors);
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("the bundle has no x509-svid anchors (fail closed)");
        }
    }

    /**
     * Parses a SPIFFE bundle JSON or a PEM file.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static TrustBundle parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("-----BEGIN")) {
            return new TrustBundle(pem(bytes), OptionalLong.empty(), Optional.empty());
        }
        JsonObject bundle;
        try {
            if (!(Json.parse(bytes) instanceof JsonObject object)) {
                throw new IllegalArgumentException("the bundle is not a JSON object");
            }
            bundle = object;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the bundle is neither PEM nor valid JSON: " + e.getMessage(), e);
        }
        List<X509Certificate> anchors = new ArrayList<>();
        List<JsonValue> keys = bundle.array("keys").map(JsonArray::items)
                .orElseThrow(() -> new IllegalArgumentException("the bundle has no 'keys' array"));
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) instanceof JsonObject key && key.string("use").filter("x509-svid"::equals).isPresent()) {
                anchors.add(anchor(key, i));
            }
        }
        OptionalLong sequence = bundle.number("spiffe_sequence")
                .map(n -> OptionalLong.of(exact(n, "spiffe_sequence", true))).orElse(OptionalLong.empty());
        Optional<Duration> hint = bundle.number("spiffe_refresh_hint").map(n -> exact(n, "spiffe_refresh_hint", false))
                .filter(seconds -> seconds > 0).map(Duration::ofSeconds);
        return new TrustBundle(anchors, sequence, hint);
    }

    /** The bundle as SPIFFE bundle JSON, as the agent persists it. */
    public byte[] toJson() {
        List<JsonValue> keys = new ArrayList<>();
        for (X509Certificate anchor : anchors) {
            keys.add(JsonObject.builder().put("use", "x509-svid")
                    .put("kty", switch (anchor.getPublicKey().getAlgorithm()) {
                        case "EC", "RSA" -> anchor.getPublicKey().getAlgorithm();
                        default -> "OKP";
                    })
                    .put("x5c", new JsonArray(List.of(new JsonString(base64(anchor))))).build());
        }
        JsonObject.Builder json = JsonObject.builder();
        sequence.ifPresent(s -> json.put("spiffe_sequence", JsonNumber.ofUnsigned(s)));
        refreshHint.ifPresent(h -> json.put("spiffe_refresh_hint", h.toSeconds()));
        return Json.writeUtf8(json.put("keys", new JsonArray(keys)).build());
    }

    /** A copy of this bundle carrying {@code newSequence} instead. */
    TrustBundle withSequence(OptionalLong newSequence) {
        return new TrustBundle(anchors, newSequence, refreshHint);
    }

    private static X509Certificate anchor(JsonObject key, int index) {
        String x5c = key.array("x5c").flatMap(a -> a.items().stream().findFirst())
                .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value())
                .orElseThrow(() -> new IllegalArgumentException("keys[" + index + "] has no x5c[0] string"));
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(x5c)));
            return requireCa(certificate, "keys[" + index + "].x5c[0]");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("keys[" + index + "].x5c[0] is not a DER certificate: "
                    + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> pem(byte[] bytes) {
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                anchors.add(requireCa((X509Certificate) certificate, "PEM certificate " + (anchors.size() + 1)));
            }
            return anchors;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable PEM bundle: " + e.getMessage(), e);
        }
    }

    private static X509Certificate requireCa(X509Certificate certificate, String where) {
        if (certificate.getBasicConstraints() == -1) {
            throw new IllegalArgumentException(where + " (" + certificate.getSubjectX500Principal()
                    + ") is not a CA certificate and cannot be an anchor");
        }
        return certificate;
    }

    private static long exact(JsonNumber number, String member, boolean unsigned) {
        try {
            return unsigned ? number.unsignedLongValueExact() : number.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(member + " is not an integer in range: " + number.text(), e);
        }
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-line summary for logs: the anchors' subjects, the sequence and the refresh hint. */
    @Override
    public String toString() {
        return "TrustBundle[" + anchors.size() + " anchor(s) " + anchors.stream()
                .map(a -> a.getSubjectX500Principal().getName()).toList()
                + sequence.stream().mapToObj(n -> ", spiffe_sequence " + n).findFirst().orElse("")
                + refreshHint.map(h -> ", refresh hint " + h).orElse("") + "]";
    }
}
