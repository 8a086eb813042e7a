package org.openmargo.wfm.identityservice;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.openmargo.wfm.identity.SvidKey;

/**
 * Checks a PKCS#10 certificate signing request and yields its public key (spec b.1, provisioning): exactly one PEM
 * {@code CERTIFICATE REQUEST}, a SHA-2 (or Ed25519) self-signature that verifies, and a key that is ECDSA P-256 or P-384, Ed25519, or RSA
 * of at least 3072 bits. The subject and requested extensions are ignored. Stateless and thread safe.
 */
final class Csr {
    /** Larger PEM text is refused before parsing; a CSR with an RSA-8192 key is under 4 KiB. */
    static final int MAX_PEM_CHARS = 16 * 1024;
    private static final int MIN_RSA_BITS = SvidKey.MIN_RSA_BITS;
    private static final int MAX_RSA_BITS = SvidKey.MAX_RSA_BITS;
    /** Spec b.1: SHA-2 signatures; PKCS#1 v1.5 is allowed for CSR signatures, PSS too (its hash is checked by BC). */
    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, EdECObjectIdentifiers.id_Ed25519,
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, PKCSObjectIdentifiers.id_RSASSA_PSS);

    private Csr() {
    }

    /**
     * The verified public key of {@code pem}.
     *
     * @throws CsrRejectedException saying what is wrong
     */
    static PublicKey publicKey(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new CsrRejectedException("the CSR is empty");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new CsrRejectedException("the CSR is larger than " + MAX_PEM_CHARS + " characters");
        }
        PKCS10CertificationRequest csr = parse(pem);
        ASN1ObjectIdentifier signature = csr.getSignatureAlgorithm().getAlgorithm();
        if (!SIGNATURES.contains(signature)) {
            throw new CsrRejectedException("the CSR is signed with " + signature + "; allowed are ECDSA, RSA"
                    + " (PKCS#1 v1.5 or PSS) with SHA-256, SHA-384 or SHA-512, and Ed25519");
        }
        SubjectPublicKeyInfo info = csr.getSubjectPublicKeyInfo();
        String algorithm = allowedAlgorithm(info);
        PublicKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new CsrRejectedException("the CSR's public key is malformed");
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new CsrRejectedException("the CSR's self-signature does not verify with its public key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new CsrRejectedException("the CSR's signature algorithm is not supported or its signature is "
                    + "malformed");
        }
        return key;
    }

    private static PKCS10CertificationRequest parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object first = parser.readObject();
            if (!(first instanceof PKCS10CertificationRequest csr)) {
                throw new CsrRejectedException("expected one PEM 'CERTIFICATE REQUEST' block (PKCS#10)");
            }
            if (parser.readObject() != null) {
                throw new CsrRejectedException("expected exactly one PEM block, found more");
            }
            return csr;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CsrRejectedException rejected) {
                throw rejected;
            }
            throw new CsrRejectedException("the CSR is not a parsable PEM PKCS#10 request");
        }
    }

    /** The JCA key algorithm for an allowed key, or a rejection naming what was found. */
    private static String allowedAlgorithm(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            var params = info.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(params) || SECObjectIdentifiers.secp384r1.equals(params)) {
                return "EC";
            }
            throw new CsrRejectedException("the CSR's EC key is on curve " + params
                    + "; allowed are P-256 (secp256r1) and P-384 (secp384r1)");
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "Ed25519";
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            int bits = rsaBits(info);
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new CsrRejectedException("the CSR's RSA key has " + bits + " bits; allowed are "
                        + MIN_RSA_BITS + " to " + MAX_RSA_BITS);
            }
            return "RSA";
        }
        throw new CsrRejectedException("the CSR's key algorithm " + oid + " is not allowed; use ECDSA P-256 or "
                + "P-384, Ed25519, or RSA of at least " + MIN_RSA_BITS + " bits");
    }

    private static int rsaBits(SubjectPublicKeyInfo info) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(info.parsePublicKey());
            BigInteger modulus = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            return modulus.bitLength();
        } catch (IOException | RuntimeException e) {
            throw new CsrRejectedException("the CSR's RSA key is malformed");
        }
    }
}
