package org.openmargo.agent.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.TrustBundle;

/**
 * The WFM's answer to an enrollment or a renewal ({@code docs/identity-service.md}): {@code certificateChain} (PEM,
 * leaf first, no anchor), {@code trustBundle} (a SPIFFE bundle object) and {@code spiffeId}, checked before anything
 * is written: the leaf's public key is the agent's own, the SVID has the client shape, {@code spiffeId} agrees with
 * the leaf, and {@link SvidCheck} passes against the returned bundle. Other members are ignored.
 *
 * @param svid     the checked SVID with the agent's private key
 * @param chainPem the chain exactly as received, to be installed
 * @param bundle   the trust bundle that came with it
 */
public record IssuedSvid(Svid svid, byte[] chainPem, TrustBundle bundle) {
    public IssuedSvid {
        chainPem = chainPem.clone();
    }

    @Override
    public byte[] chainPem() {
        return chainPem.clone();
    }

    /**
     * Parses and checks an answer body.
     *
     * @param keys        the key pair the request was made for
     * @param trustDomain see {@link SvidCheck#verify}
     * @param spiffeId    see {@link SvidCheck#verify}
     * @throws IllegalArgumentException with a one-line reason when the answer is malformed or fails a check
     */
    public static IssuedSvid check(byte[] body, KeyPair keys, Optional<String> trustDomain, Optional<String> spiffeId,
                                   Instant now) {
        JsonObject answer = object(body);
        String pem = answer.string("certificateChain").orElseThrow(
                () -> new IllegalArgumentException("the answer has no certificateChain string"));
        JsonObject bundleJson = answer.object("trustBundle").orElseThrow(
                () -> new IllegalArgumentException("the answer has no trustBundle object"));
        TrustBundle bundle = TrustBundle.parse(Json.writeUtf8(bundleJson));
        List<X509Certificate> chain = chain(pem.getBytes(StandardCharsets.US_ASCII));
        if (!Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), keys.getPublic().getEncoded())) {
            throw new IllegalArgumentException("the issued certificate is not for the agent's key");
        }
        Svid svid = Svid.of(chain, keys.getPrivate());
        answer.string("spiffeId").filter(id -> !id.equals(svid.spiffeId())).ifPresent(id -> {
            throw new IllegalArgumentException("the answer says spiffeId " + id + " but the certificate names "
                    + svid.spiffeId());
        });
        SvidCheck.verify(svid, bundle, trustDomain, spiffeId, now);
        return new IssuedSvid(svid, pem.getBytes(StandardCharsets.US_ASCII), bundle);
    }

    /**
     * The certificates of a PEM chain, leaf first.
     *
     * @throws IllegalArgumentException if there is none or one is unreadable
     */
    public static List<X509Certificate> chain(byte[] pem) {
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the certificate chain has no CERTIFICATE PEM block");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate chain is not PEM: " + e.getMessage(), e);
        }
    }

    private static JsonObject object(byte[] body) {
        try {
            if (Json.parse(body) instanceof JsonObject object) {
                return object;
            }
            throw new IllegalArgumentException("the answer is not a JSON object");
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getMessage(), e);
        }
    }
}
