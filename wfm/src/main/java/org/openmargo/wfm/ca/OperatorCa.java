package org.openmargo.wfm.ca;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * An operator-supplied CA (an enterprise CA or an intermediate of one): the chain file holds the issuing CA first,
 * then any intermediates, and the certificate to publish as the trust anchor last; issued SVID chains carry every
 * certificate but the last. The key file holds the issuing CA's key as PEM ({@code PRIVATE KEY}, {@code EC PRIVATE
 * KEY}, {@code RSA PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} decrypted with the CA key passphrase).
 *
 * @param chain issuing CA first, published anchor last
 * @param key   the issuing CA's private key
 */
public record OperatorCa(List<X509Certificate> chain, PrivateKey key) {
    public OperatorCa {
        chain = List.copyOf(chain);
    }

    /**
     * Reads and checks the files: the first certificate is a CA allowed to sign certificates, the key is its key, and
     * each certificate is signed by the next.
     *
     * @throws CaUnavailableException naming the file and the problem
     */
    public static OperatorCa read(Path chainFile, Path keyFile, char[] passphrase) {
        List<X509Certificate> chain = readChain(chainFile);
        PrivateKey key = readKey(keyFile, passphrase);
        X509Certificate issuing = chain.getFirst();
        if (issuing.getBasicConstraints() < 0 || (issuing.getKeyUsage() != null && !issuing.getKeyUsage()[5])) {
            throw new CaUnavailableException(chainFile + ": the first certificate (" + issuing.getSubjectX500Principal()
                    + ") is not a CA allowed to sign certificates (basicConstraints cA and keyCertSign)");
        }
        if (!matches(issuing, key)) {
            throw new CaUnavailableException(keyFile + ": this key does not belong to the first certificate of "
                    + chainFile);
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CaUnavailableException(chainFile + ": certificate " + (i + 1)
                        + " is not signed by certificate " + (i + 2) + " (order: issuing CA first, anchor last)");
            }
        }
        return new OperatorCa(chain, key);
    }

    private static List<X509Certificate> readChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var c : factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                chain.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            throw new CaUnavailableException(file + ": cannot read the CA certificate chain: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new CaUnavailableException(file + ": no CERTIFICATE block");
        }
        return chain;
    }

    private static PrivateKey readKey(Path file, char[] passphrase) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CaUnavailableException(file + ": cannot read the CA private key: " + e.getMessage(), e);
        }
        try {
            PrivateKeyInfo info = switch (parsed) {
                case PrivateKeyInfo p -> p;
                case PEMKeyPair p -> p.getPrivateKeyInfo();
                case PKCS8EncryptedPrivateKeyInfo p -> p.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider())
                                .build(passphrase));
                case null, default -> throw new CaUnavailableException(file + ": expected a PEM private key");
            };
            return SealedKey.privateKey(info.getEncoded());
        } catch (PKCSException | OperatorCreationException e) {
            throw new CaUnavailableException(file + ": the encrypted key does not decrypt with "
                    + "'wfm.identity-service.ca-key-passphrase'");
        } catch (IOException e) {
            throw new CaUnavailableException(file + ": bad private key: " + e.getMessage(), e);
        }
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        try {
            String algorithm = AnchorAlgorithm.signatureAlgorithm(certificate.getPublicKey());
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
