package org.openmargo.wfm.identityservice;

import java.net.URI;
import java.util.List;

/**
 * The WFM in the Margo Identity Service role (spec b.1, "MIS"): the certificate authority of the trust domain, the
 * published trust bundle, and issuance of client X.509-SVIDs from PKCS#10 certificate signing requests.
 *
 * <p>The SPIFFE ID of an issued SVID is always chosen here ({@code spiffe://<td>/margo/wfm/<wfm-id>/client/<id>});
 * the CSR's subject and extensions are advisory and ignored (spec b.1, provisioning). Only the CSR's public key is
 * used, after its self-signature has been verified and its algorithm checked against the spec's list (ECDSA P-256 and
 * P-384, Ed25519, RSA of at least 3072 bits).
 *
 * <p>Thread safe. See {@code docs/identity-service.md} for the HTTP endpoints built on it.
 */
public interface IdentityService {

    /**
     * Issues a client SVID for {@code clientId} under the current issuing anchor.
     *
     * @param clientId a wfm-client-id segment (RFC 3986 unreserved, not {@code .} or {@code ..})
     * @param csrPem   one PEM {@code CERTIFICATE REQUEST} block
     * @throws CsrRejectedException when the CSR cannot be parsed, its signature does not verify, or its key algorithm
     *                              or size is not allowed; the message says which, for a 422 answer
     */
    IssuedSvid issueClient(String clientId, String csrPem);

    /** The trust bundle as published at the bundle endpoint: SPIFFE bundle JSON bytes (UTF-8). */
    byte[] trustBundleJson();

    /** The absolute https URL of the discovery document, {@code <public-url>/.well-known/margo}. */
    URI discoveryUri();

    /** The discovery document exactly as {@link #discoveryUri()} serves it now (JSON, UTF-8). */
    byte[] discoveryJson();

    /**
     * Pins that authenticate the identity service's HTTPS endpoint for a device bootstrapping trust: SHA-256
     * fingerprints ({@code sha256:<64 hex>}) of a CA in the chain the endpoint presents. Empty when that endpoint uses a
     * certificate from a public or enterprise PKI the device already trusts.
     */
    List<String> tlsPins();
}
