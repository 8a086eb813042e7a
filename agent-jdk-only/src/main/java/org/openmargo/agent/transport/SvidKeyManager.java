package org.openmargo.agent.transport;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one SVID as the TLS client certificate, whatever CA names the server lists (the WFM decides by SVID rules,
 * not by issuer name), and counts the server's certificate requests: a TLS 1.3 handshake resumed with a PSK has no
 * CertificateRequest, so the count is the number of full handshakes. Never acts for a server.
 */
final class SvidKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "svid";

    private final Svid svid;
    private final Set<String> keyTypes;
    private final AtomicLong certificateRequests;

    SvidKeyManager(Svid svid, AtomicLong certificateRequests) {
        this.svid = svid;
        this.certificateRequests = certificateRequests;
        this.keyTypes = switch (svid.privateKey().getAlgorithm()) {
            case "EdDSA", "Ed25519" -> Set.of("EdDSA", "Ed25519");
            case "RSA" -> Set.of("RSA", "RSASSA-PSS");
            default -> Set.of(svid.privateKey().getAlgorithm());
        };
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keyTypes.contains(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? svid.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? svid.privateKey() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    private String choose(String[] offered) {
        certificateRequests.incrementAndGet();
        for (String type : offered) {
            if (keyTypes.contains(type)) {
                return ALIAS;
            }
        }
        return null;
    }
}
