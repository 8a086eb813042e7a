package org.openmargo.wfm.identityserviceapi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.openmargo.wfm.identity.SpiffeId;
import org.openmargo.wfm.identityservice.IssuedSvid;

/**
 * The answer body of enrollment and renewal (docs/identity-service.md): the SPIFFE ID and its parts, the chain as
 * PEM (leaf first, no anchor), the expiry and the trust bundle as a JSON object.
 */
public final class SvidJson {
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private SvidJson() {
    }

    /**
     * The JSON answer.
     *
     * @param bundleJson the trust bundle as published (SPIFFE bundle JSON)
     * @throws IllegalStateException when the SPIFFE ID is not of the client shape or the bundle is not a JSON object
     *                               (both come from the identity service, not from the caller)
     */
    public static JsonObject of(IssuedSvid svid, byte[] bundleJson) {
        SpiffeId id = SpiffeId.parse(svid.spiffeId());
        List<String> s = id.segments();
        if (s.size() != 5 || !s.get(0).equals("margo") || !s.get(1).equals("wfm") || !s.get(3).equals("client")) {
            throw new IllegalStateException("the identity service issued a non-client SPIFFE ID " + svid.spiffeId());
        }
        return Json.createObjectBuilder()
                .add("spiffeId", svid.spiffeId())
                .add("trustDomain", id.trustDomain())
                .add("wfmId", s.get(2))
                .add("clientId", s.get(4))
                .add("certificateChain", pem(svid.chain()))
                .add("notAfter", svid.notAfter().toString())
                .add("trustBundle", bundle(bundleJson))
                .build();
    }

    /** The certificates as concatenated PEM {@code CERTIFICATE} blocks, in order. */
    public static String pem(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(PEM_BASE64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("an issued certificate cannot be encoded", e);
            }
        }
        return pem.toString();
    }

    private static JsonObject bundle(byte[] bundleJson) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bundleJson))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalStateException("the trust bundle is not a JSON object");
            }
            return value.asJsonObject();
        }
    }
}
