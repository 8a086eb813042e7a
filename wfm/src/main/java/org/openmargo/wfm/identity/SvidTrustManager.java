package org.openmargo.wfm.identity;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The WFM's TLS trust decision for client certificates: every {@code checkClientTrusted} overload runs
 * {@link SvidVerifier} (through the {@link VerdictCache} shared with {@link CallerAuthenticator}, exactly as strict)
 * against the bundle current at the time of the handshake and the injected clock, and throws
 * {@link CertificateException} on rejection so the handshake fails. The WFM is never a TLS client with this
 * manager, so {@code checkServerTrusted} always throws. Hostname checks do not apply to SVIDs (spec b.1).
 *
 * <p>A resumed TLS session skips this check; {@link CallerAuthenticator} re-validates on every request for that
 * reason. Thread safe.
 */
final class SvidTrustManager extends X509ExtendedTrustManager {
    private final VerdictCache verdicts;
    private final Clock clock;
    private final HandshakeCounts counts;

    SvidTrustManager(VerdictCache verdicts, Clock clock) {
        this(verdicts, clock, new HandshakeCounts());
    }

    /** @param counts counts every verified and every rejected client certificate, that is every full handshake */
    SvidTrustManager(VerdictCache verdicts, Clock clock, HandshakeCounts counts) {
        this.counts = Objects.requireNonNull(counts);
        this.verdicts = Objects.requireNonNull(verdicts);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw serverRefused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw serverRefused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw serverRefused();
    }

    /** No CA names are sent in the CertificateRequest: clients hold exactly one SVID and present it anyway. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            counts.rejected();
            throw new CertificateException("no client certificate");
        }
        SvidVerifier.Outcome outcome = verdicts.verify(List.of(chain), clock.instant());
        if (outcome instanceof SvidVerifier.Rejected rejected) {
            counts.rejected();
            throw new CertificateException("client SVID rejected: " + rejected.reason());
        }
        counts.verified();
    }

    private static CertificateException serverRefused() {
        return new CertificateException("this trust manager only validates WFM clients");
    }
}
