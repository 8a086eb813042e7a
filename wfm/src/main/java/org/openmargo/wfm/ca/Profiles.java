package org.openmargo.wfm.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate profiles the CA issues. Every certificate has a random positive serial of at most 20 bytes (RFC 5280
 * 4.1.2.2), a subject key identifier and, unless self-signed, an authority key identifier equal to the issuer's SKI.
 *
 * <ul>
 *     <li>CA: basicConstraints cA=true and keyUsage keyCertSign|cRLSign, both critical; optionally the trust domain's
 *     SPIFFE ID as URI SAN.</li>
 *     <li>X509-SVID (spec b.1, SPIFFE X509-SVID): basicConstraints cA=false and keyUsage digitalSignature, both
 *     critical; extKeyUsage serverAuth+clientAuth; exactly one URI SAN, the SPIFFE ID.</li>
 *     <li>TLS server (the MIS listener): as an SVID but with DNS/IP SANs and serverAuth only.</li>
 * </ul>
 * Leaves start one minute in the past (clock skew) and never outlive any certificate of their issuing chain.
 */
final class Profiles {
    static final Duration BACKDATE = Duration.ofMinutes(1);
    /** RFC 5280 ub-common-name. */
    private static final int MAX_COMMON_NAME = 64;

    private Profiles() {
    }

    /** A self-signed CA certificate for {@code keys}. */
    static X509Certificate selfSignedCa(KeyPair keys, X500Name name, Optional<String> spiffeUri, Instant now,
                                        Duration lifetime, SecureRandom random) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(lifetime)), name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            if (spiffeUri.isPresent()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeUri.get())));
            }
            return sign(b, keys.getPublic(), keys.getPrivate());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a CA certificate: " + e.getMessage(), e);
        }
    }

    /** An X509-SVID for {@code spiffeId}, issued by {@code issuer}. */
    static X509Certificate svid(Issuer issuer, PublicKey subject, String spiffeId, Instant now, Duration lifetime,
                                SecureRandom random) {
        GeneralNames sans = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId));
        String leafName = spiffeId.substring(spiffeId.lastIndexOf('/') + 1);
        return leaf(issuer, subject, leafSubject(leafName), sans,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
                now, lifetime, random);
    }

    /** A TLS server certificate naming {@code dnsOrIp} (DNS names and IP literals). */
    static X509Certificate tlsServer(Issuer issuer, PublicKey subject, List<String> dnsOrIp, boolean[] isIp,
                                     Instant now, Duration lifetime, SecureRandom random) {
        GeneralName[] names = new GeneralName[dnsOrIp.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new GeneralName(isIp[i] ? GeneralName.iPAddress : GeneralName.dNSName, dnsOrIp.get(i));
        }
        return leaf(issuer, subject, leafSubject(dnsOrIp.getFirst()),
                new GeneralNames(names), new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth), now, lifetime, random);
    }

    private static X509Certificate leaf(Issuer issuer, PublicKey subject, X500Name subjectName, GeneralNames sans,
                                        ExtendedKeyUsage eku, Instant now, Duration lifetime, SecureRandom random) {
        Instant notAfter = now.plus(lifetime);
        if (notAfter.isAfter(issuer.notAfter())) {
            notAfter = issuer.notAfter();
        }
        X509Certificate ca = issuer.certificate();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subjectName, subject);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, eku);
            b.addExtension(Extension.subjectAlternativeName, false, sans);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subject));
            b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca, ext));
            return sign(b, ca.getPublicKey(), issuer.key());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate: " + e.getMessage(), e);
        }
    }

    /** The issuer's own SKI when it has one (an operator CA may compute it differently), else a key hash. */
    private static AuthorityKeyIdentifier authorityKeyId(X509Certificate ca, JcaX509ExtensionUtils ext)
            throws GeneralSecurityException {
        byte[] raw = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (raw != null) {
            try {
                SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(raw).getOctets());
                return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
            } catch (IllegalArgumentException e) {
                // fall through to the key hash
            }
        }
        return ext.createAuthorityKeyIdentifier(ca.getPublicKey());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PublicKey issuerPublic, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder(AnchorAlgorithm.signatureAlgorithm(issuerPublic))
                    .build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    /** Positive, non-zero, at most 20 octets in DER (153 bits including the sign bit). */
    static BigInteger serial(SecureRandom random) {
        return new BigInteger(152, random).add(BigInteger.ONE);
    }

    /**
     * {@code O=OpenMargo,CN=<name>}, or {@code O=OpenMargo} alone when the name is longer than RFC 5280's
     * ub-common-name (64), which the certificate library refuses: the identity of a leaf is its SAN (the SPIFFE ID of
     * an X.509-SVID, whose subject SPIFFE leaves free), so the common name is only a label for people.
     */
    static X500Name leafSubject(String name) {
        return name.length() <= MAX_COMMON_NAME ? new X500Name("O=OpenMargo,CN=" + rdnSafe(name))
                : new X500Name("O=OpenMargo");
    }

    private static String rdnSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9._~ -]", "_");
    }

    /** The issuing certificate, its key, and the latest instant an issued certificate may be valid until. */
    record Issuer(X509Certificate certificate, PrivateKey key, Instant notAfter) {
    }
}
