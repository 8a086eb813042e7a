package org.openmargo.wfm.forwarded;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The client certificate a TLS-terminating proxy forwards per RFC 9440: {@code Client-Cert} holds the leaf as one
 * Structured Field Byte Sequence ({@code :<base64 DER>:}, RFC 8941 section 3.3.5) and {@code Client-Cert-Chain} the
 * intermediates as a List of Byte Sequences, leaf-most first.
 *
 * <p>Strict: one {@code Client-Cert} field; no parameters on any item; standard base64 (padding optional, as RFC 8941
 * asks parsers to accept); every item one DER X.509 certificate with nothing after it; at most {@link #MAX_CHAIN}
 * certificates in the chain. Anything else is {@link Malformed}, never an exception. Pure; thread safe.
 *
 * @param clientCert every {@code Client-Cert} field value of the request, in order
 * @param chain      every {@code Client-Cert-Chain} field value of the request, in order (fields combine as one list)
 */
public record ForwardedHeaders(List<String> clientCert, List<String> chain) {
    /** Most intermediates accepted in {@code Client-Cert-Chain}. */
    public static final int MAX_CHAIN = 8;
    /** The field names of RFC 9440. */
    public static final String CLIENT_CERT = "Client-Cert";
    public static final String CLIENT_CERT_CHAIN = "Client-Cert-Chain";

    public ForwardedHeaders {
        clientCert = List.copyOf(clientCert);
        chain = List.copyOf(chain);
    }

    /** What the fields hold. */
    public sealed interface Outcome permits Forwarded, Absent, Malformed {
    }

    /** @param chain the leaf, then the intermediates as forwarded */
    public record Forwarded(List<X509Certificate> chain) implements Outcome {
        public Forwarded {
            chain = List.copyOf(chain);
        }
    }

    /** No {@code Client-Cert} field: the proxy forwarded no client certificate. */
    public record Absent() implements Outcome {
    }

    /** @param reason which field and what is wrong with it, safe to show to the sender */
    public record Malformed(String reason) implements Outcome {
        public Malformed {
            Objects.requireNonNull(reason);
        }
    }

    /** Parses both fields; a {@code Client-Cert-Chain} without a {@code Client-Cert} is malformed. */
    public Outcome certificates() {
        if (clientCert.isEmpty()) {
            return chain.isEmpty() ? new Absent() : new Malformed(CLIENT_CERT_CHAIN + " without " + CLIENT_CERT);
        }
        if (clientCert.size() > 1 || clientCert.getFirst().contains(",")) {
            return new Malformed(CLIENT_CERT + " must be one Byte Sequence, not a list");
        }
        List<X509Certificate> result = new ArrayList<>();
        try {
            result.add(certificate(CLIENT_CERT, clientCert.getFirst()));
            for (String field : chain) {
                for (String item : field.split(",", -1)) {
                    if (result.size() > MAX_CHAIN) {
                        return new Malformed(CLIENT_CERT_CHAIN + " holds more than " + MAX_CHAIN + " certificates");
                    }
                    result.add(certificate(CLIENT_CERT_CHAIN, item));
                }
            }
        } catch (IllegalArgumentException e) {
            return new Malformed(e.getMessage());
        }
        return new Forwarded(result);
    }

    private static X509Certificate certificate(String field, String item) {
        String text = item.strip();
        if (text.length() < 2 || text.charAt(0) != ':' || text.charAt(text.length() - 1) != ':') {
            throw new IllegalArgumentException(field + " items must be Byte Sequences ':<base64>:' without parameters");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text.substring(1, text.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not valid base64");
        }
        if (der.length == 0) {
            throw new IllegalArgumentException(field + " holds an empty Byte Sequence");
        }
        try (ByteArrayInputStream in = new ByteArrayInputStream(der)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(field + " holds bytes after the certificate");
            }
            return certificate;
        } catch (CertificateException | java.io.IOException | ClassCastException e) {
            throw new IllegalArgumentException(field + " does not hold one DER X.509 certificate");
        }
    }
}
