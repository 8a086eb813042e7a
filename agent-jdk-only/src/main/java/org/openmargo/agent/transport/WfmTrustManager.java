package org.openmargo.agent.transport;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether the peer of a WFM connection is the agent's WFM (spec b.1, "Recognition by the WFM Client"), in the
 * spec's validation order:
 * <ol>
 *     <li>the leaf has exactly one URI SAN, a SPIFFE ID in the expected trust domain;</li>
 *     <li>the chain validates with PKIX against the anchors current at the time of the handshake (any anchor counts;
 *         validity periods are checked at the injected clock's instant; no CRL or OCSP, no AIA fetching);</li>
 *     <li>the leaf is not a CA and has neither {@code keyCertSign} nor {@code cRLSign};</li>
 *     <li>the SPIFFE ID equals the expected WFM SPIFFE ID exactly (case-sensitive).</li>
 * </ol>
 * There is no host name check in any overload: the SPIFFE ID is the identity, whatever endpoint identification
 * algorithm the caller's {@code SSLParameters} carry (the JDK delegates endpoint identification to an
 * {@link X509ExtendedTrustManager}, so with this class it does not happen).
 *
 * <p>The anchors come from a supplier that is asked on every handshake, so an accepted trust bundle applies to the next
 * new connection. An empty anchor list refuses every server (fail closed). Acting as a server's client verifier is
 * refused. Thread safe if the supplier is.
 */
public final class WfmTrustManager extends X509ExtendedTrustManager {
    private final Supplier<? extends List<X509Certificate>> anchors;
    private final SpiffeId expected;
    private final Clock clock;

    /**
     * @param anchors        the current trust anchors, asked on every handshake
     * @param wfmSpiffeId    the only acceptable server SPIFFE ID, normally {@link Svid#wfmSpiffeId()}
     * @param clock          the time at which validity periods are checked
     * @throws IllegalArgumentException if {@code wfmSpiffeId} is not a valid SPIFFE ID
     */
    public WfmTrustManager(Supplier<? extends List<X509Certificate>> anchors, String wfmSpiffeId, Clock clock) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.expected = SpiffeId.parse(wfmSpiffeId);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A trust manager checking validity at the system clock's current instant. */
    public WfmTrustManager(Supplier<? extends List<X509Certificate>> anchors, String wfmSpiffeId) {
        this(anchors, wfmSpiffeId, Clock.systemUTC());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("WfmTrustManager only verifies WFM servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("WfmTrustManager only verifies WFM servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("WfmTrustManager only verifies WFM servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.get().toArray(new X509Certificate[0]);
    }

    /**
     * Runs the four checks on a presented chain, leaf first.
     *
     * @throws CertificateException saying which check failed
     */
    public void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the WFM presented no certificate");
        }
        X509Certificate leaf = chain[0];
        SpiffeId id;
        try {
            id = SpiffeId.of(leaf);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("WFM SVID: " + e.getMessage(), e);
        }
        if (!id.trustDomain().equals(expected.trustDomain())) {
            throw new CertificateException("WFM SVID " + id + " is not in trust domain " + expected.trustDomain());
        }
        validatePath(chain);
        if (leaf.getBasicConstraints() != -1) {
            throw new CertificateException("WFM SVID " + id + " is a CA certificate");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && (usage[5] || usage[6])) {
            throw new CertificateException("WFM SVID " + id + " has the keyCertSign or cRLSign key usage");
        }
        if (!id.equals(expected)) {
            throw new CertificateException("WFM SPIFFE ID " + id + " is not the expected " + expected);
        }
    }

    private void validatePath(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> current = anchors.get();
        if (current.isEmpty()) {
            throw new CertificateException("no trust anchors: the trust bundle is missing or empty");
        }
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        current.forEach(anchor -> trustAnchors.add(new TrustAnchor(anchor, null)));
        // The presenter MAY include an anchor (spec b.1); the path handed to PKIX ends just below the first one.
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (current.contains(certificate)) {
                break;
            }
            path.add(certificate);
        }
        if (path.isEmpty()) {
            throw new CertificateException("the WFM presented a trust anchor as its leaf");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("WFM chain does not validate against the trust bundle: "
                    + e.getMessage(), e);
        }
    }
}
