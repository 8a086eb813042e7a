package org.openmargo.wfm.testpki;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.openmargo.wfm.identity.SpiffeId;
import org.openmargo.wfm.identityservice.CsrRejectedException;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityservice.IssuedSvid;

/**
 * A test-scope {@link IdentityService} that really signs: it parses the CSR with BouncyCastle, verifies its
 * self-signature, checks the key (ECDSA P-256/P-384 or RSA of at least 3072 bits) and issues a client X.509-SVID
 * under a {@link TestPki}'s root. A fixture standing in for the built-in CA, not a stub. Thread safe.
 */
public final class TestIdentityService implements IdentityService {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final TestPki pki;
    private final Clock clock;
    private final Duration lifetime;
    private final URI discoveryUri;
    private final List<String> pins;
    private final AtomicInteger issued = new AtomicInteger();

    public TestIdentityService(TestPki pki, Clock clock, Duration lifetime, URI discoveryUri, List<String> pins) {
        this.pki = pki;
        this.clock = clock;
        this.lifetime = lifetime;
        this.discoveryUri = discoveryUri;
        this.pins = List.copyOf(pins);
    }

    /** How many SVIDs were issued so far. */
    public int issued() {
        return issued.get();
    }

    @Override
    public IssuedSvid issueClient(String clientId, String csrPem) {
        if (!SpiffeId.isSegment(clientId)) {
            throw new IllegalArgumentException("invalid client id " + clientId);
        }
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(parse(csrPem));
        PublicKey key = verified(csr);
        String spiffeId = pki.clientUri(clientId);
        Instant now = clock.instant();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(pki.root().certificate(),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(lifetime)), new X500Name("CN=" + clientId), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, true,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId)));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pki.root().keys().getPrivate())));
            issued.incrementAndGet();
            return new IssuedSvid(spiffeId, List.of(leaf), leaf.getNotAfter().toInstant());
        } catch (Exception e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static PKCS10CertificationRequest parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new CsrRejectedException("the text is not a PEM CERTIFICATE REQUEST");
        } catch (IOException | RuntimeException e) {
            if (e instanceof CsrRejectedException rejected) {
                throw rejected;
            }
            throw new CsrRejectedException("the CSR cannot be parsed", e);
        }
    }

    private static PublicKey verified(JcaPKCS10CertificationRequest csr) {
        try {
            PublicKey key = csr.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new CsrRejectedException("the CSR's self-signature does not verify");
            }
            boolean allowed = switch (key) {
                case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize() >= 256;
                case RSAPublicKey rsa -> rsa.getModulus().bitLength() >= 3072;
                default -> false;
            };
            if (!allowed) {
                throw new CsrRejectedException("key algorithm or size not allowed: " + key.getAlgorithm());
            }
            return key;
        } catch (CsrRejectedException e) {
            throw e;
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.pkcs.PKCSException | RuntimeException e) {
            throw new CsrRejectedException("the CSR's key or signature cannot be read", e);
        }
    }

    @Override
    public byte[] trustBundleJson() {
        return TestPki.bundleJson(1, pki.root()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] discoveryJson() {
        String base = discoveryUri.resolve("/").toString();
        return ("{\"trustDomain\":\"" + pki.trustDomain() + "\",\"trustBundleUri\":\"" + base
                + ".well-known/spiffe/bundle.json\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public URI discoveryUri() {
        return discoveryUri;
    }

    @Override
    public List<String> tlsPins() {
        return pins;
    }
}
